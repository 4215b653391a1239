import { Alert, App, Button, Modal, Spin, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { formatDateTime } from '../lib/labels';
import { type AdminUser, adminApi, type UserAuditEvent } from './admin-api';

const AUDIT_LABELS: Record<string, string> = { totpReset: '重置了动态验证码' };

/** 操作记录 of one account: which administrator reset its 动态验证码, and when (newest first). */
export function AccountRecord({ user }: { user: AdminUser }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<UserAuditEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = async () => {
    setOpen(true);
    setItems(null);
    setError(null);
    try {
      setItems((await adminApi.userAudit(user.id)).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const body = error ? (
    <Alert type="error" showIcon message={error} />
  ) : items === null ? (
    <Spin />
  ) : items.length === 0 ? (
    <Typography.Text type="secondary">暂无管理员对该账户的操作记录</Typography.Text>
  ) : (
    <ul className="account-record">
      {items.map((e) => (
        <li key={e.id}>
          {formatDateTime(e.at)}　{e.actorName}　{AUDIT_LABELS[e.type] ?? '变更了账户'}
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <Button type="link" size="small" onClick={show}>
        操作记录
      </Button>
      <Modal open={open} title={`${user.name} 的账户操作记录`} footer={null} onCancel={() => setOpen(false)}>
        {body}
      </Modal>
    </>
  );
}

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
