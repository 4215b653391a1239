import { App, Button, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { type AdminUser, adminApi } from './admin-api';

/**
 * The 动态验证码 cell of 用户与角色: off, on (one's own is turned off in 个人设置), or on with the reset an
 * administrator uses when the user lost the phone with the authenticator.
 */
export function TotpCell({ user, self, onReset }: { user: AdminUser; self: boolean; onReset: () => void }) {
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!user.totp) return <Typography.Text type="secondary">未开启</Typography.Text>;
  if (self) return <Typography.Text>已开启</Typography.Text>;
  const confirm = () =>
    modal.confirm({
      title: `重置 ${user.name} 的动态验证码？`,
      content:
        '用于手机丢失或更换时。重置后该用户当前的登录立即失效，再次登录只需用户名和密码；如需继续使用动态验证码，请其在个人设置中重新绑定。本次操作将记录操作人和时间。',
      okText: '重置',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          await adminApi.resetTotp(user.id);
          message.success(`已重置 ${user.name} 的动态验证码`);
          onReset();
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          setBusy(false);
        }
      },
    });
  return (
    <Button size="small" danger loading={busy} onClick={confirm}>
      重置动态验证码
    </Button>
  );
}
