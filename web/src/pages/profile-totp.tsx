import { Alert, App, Button, Card, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { meApi } from '../api/me-api';

const CODE = /^\d{6}$/;

/** The secret in groups of four, as authenticator apps show and accept it. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * 个人设置 → 动态验证码 (administrators, where the platform signs users in itself): turn it on with the key shown
 * once and a code from the authenticator app, or off with a current code.
 */
export function TotpCard() {
  const { message } = App.useApp();
  const [state, setState] = useState<{ available: boolean; enabled: boolean } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    meApi.totp().then(setState, () => setState(null));
  }, []);
  if (!state?.available) return null;

  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await f();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const start = () => run(async () => setSecret((await meApi.startTotp()).secret));
  const submit = () => {
    const typed = code.trim();
    if (!CODE.test(typed)) {
      setProblem('请输入验证器中的6位动态验证码');
      return;
    }
    return run(async () => {
      if (state.enabled) {
        await meApi.disableTotp(typed);
        message.success('动态验证码已关闭');
      } else {
        await meApi.confirmTotp(typed);
        setSecret(null);
        message.success('动态验证码已开启，下次登录时需要输入');
      }
      setCode('');
      setState({ available: true, enabled: !state.enabled });
    });
  };
  const codeInput = (
    <Space wrap>
      <Input
        aria-label="动态验证码"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        style={{ width: 140 }}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onPressEnter={() => void submit()}
      />
      <Button type="primary" danger={state.enabled} loading={busy} onClick={() => void submit()}>
        {state.enabled ? '关闭动态验证码' : '确认开启'}
      </Button>
    </Space>
  );

  return (
    <Card size="small" title="动态验证码" className="totp-settings">
      {problem ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} /> : null}
      {state.enabled ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>已开启：登录时在密码之后输入验证器中的6位动态验证码。</Typography.Text>
          <Typography.Text type="secondary">如需关闭，请输入当前的动态验证码：</Typography.Text>
          {codeInput}
        </Space>
      ) : secret ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            在手机的身份验证器应用中选择「输入设置密钥」（基于时间），输入下面的密钥；此密钥只显示这一次。
          </Typography.Text>
          <Typography.Text code copyable={{ text: secret }} className="totp-secret" style={{ wordBreak: 'break-all' }}>
            {grouped(secret)}
          </Typography.Text>
          <Typography.Text type="secondary">然后输入验证器中显示的6位动态验证码：</Typography.Text>
          {codeInput}
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            开启后，登录时除密码外还需输入手机验证器中的动态验证码，账号更安全。手机丢失时可请其他管理员重置。
          </Typography.Text>
          <div>
            <Button loading={busy} onClick={() => void start()}>
              开启动态验证码
            </Button>
          </div>
        </Space>
      )}
    </Card>
  );
}
