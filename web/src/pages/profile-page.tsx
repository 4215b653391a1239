import { Alert, App, Button, Card, Descriptions, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { type MailPreference, meApi, type Preferences } from '../api/me-api';
import { useAuth } from '../auth';
import { LoadFailed, PageLoading } from '../layout/page-state';
import { TotpCard } from './profile-totp';

const OPTIONS: { value: MailPreference; label: string; help: string }[] = [
  { value: 'immediate', label: '即时提醒', help: '有新的待办、催报或截止提醒时立即发送邮件' },
  { value: 'digest', label: '每日汇总', help: '每天早上把前一天的提醒汇总成一封邮件发送' },
  { value: 'off', label: '不接收邮件', help: '只在平台的消息中心查看提醒' },
];

/** 个人设置: who I am and how email reaches me. */
export default function ProfilePage() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [choice, setChoice] = useState<MailPreference>('immediate');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    meApi
      .preferences()
      .then((p) => {
        setPrefs(p);
        setChoice(p.mailPreference);
      })
      .catch(setError);
  }, []);

  if (error) return <LoadFailed error={error} back={{ to: '/', label: '返回工作台' }} />;
  if (!prefs) return <PageLoading />;

  const save = async () => {
    setBusy(true);
    try {
      const saved = await meApi.savePreferences(choice, prefs.version);
      setPrefs(saved);
      message.success('邮件提醒设置已保存');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        个人设置
      </Typography.Title>
      <Card size="small" title="我的信息">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="姓名">{me?.name}</Descriptions.Item>
          <Descriptions.Item label="单位">{me?.unitName}</Descriptions.Item>
          <Descriptions.Item label="邮箱">{prefs.email ?? '未设置'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="邮件提醒" className="mail-preferences">
        {prefs.email ? null : (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="您还没有登记邮箱，暂时收不到邮件提醒。请联系系统管理员（网络信息股）登记邮箱。"
          />
        )}
        <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value)} aria-label="邮件提醒方式">
          <Space orientation="vertical">
            {OPTIONS.map((o) => (
              <Radio key={o.value} value={o.value}>
                {o.label}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {o.help}
                </Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        <div style={{ marginTop: 12 }}>
          <Button type="primary" onClick={() => void save()} loading={busy} disabled={choice === prefs.mailPreference}>
            保存
          </Button>
        </div>
      </Card>
      {me?.roles.includes('admin') ? <TotpCard /> : null}
    </Space>
  );
}
