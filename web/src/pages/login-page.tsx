import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth';

/** Sign-in, and at first sign-in (or after an administrator's reset) the user's own new password. */
export function LoginPage() {
  const { me, login, setNewPassword } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<{ username: string; session: string } | null>(null);
  const [needsCode, setNeedsCode] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (me) return <Navigate to={from} replace />;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const onLogin = (values: { username: string; password: string; totpCode?: string }) =>
    run(async () => {
      const username = values.username.trim();
      const pending = await login(username, values.password, values.totpCode?.trim());
      if (pending && 'totp' in pending) setNeedsCode(true);
      else if (pending) setChallenge({ username, session: pending.session });
      else navigate(from, { replace: true });
    });

  const onNewPassword = (values: { newPassword: string }) =>
    run(async () => {
      if (!challenge) return;
      await setNewPassword(challenge.username, challenge.session, values.newPassword);
      navigate(from, { replace: true });
    });

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <div className="login-card">
        <Typography.Title level={4} style={{ textAlign: 'center' }}>
          信丰县预算绩效管理平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          信丰县财政局
        </Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        {challenge ? (
          <Form layout="vertical" onFinish={onNewPassword} requiredMark={false} key="new-password">
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="首次登录或密码已被管理员重置，请设置您自己的新密码"
              description="新密码至少10位，须同时包含字母和数字，不能包含用户名。"
            />
            <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }]}>
              <Input.Password autoComplete="new-password" autoFocus />
            </Form.Item>
            <Form.Item
              label="确认新密码"
              name="confirm"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: '请再次输入新密码' },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    !value || value === getFieldValue('newPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error('两次输入的新密码不一致')),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              设置新密码并登录
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={onLogin} requiredMark={false} key="login">
            <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            {needsCode && (
              <Form.Item
                label="动态验证码"
                name="totpCode"
                extra="请打开手机上的验证器，输入显示的6位数字"
                rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入6位动态验证码' }]}
              >
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={busy}>
              登录
            </Button>
          </Form>
        )}
      </div>
    </div>
  );
}
