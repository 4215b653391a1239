import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';
import { type Delegation, type DelegationState, type Delegations, meApi } from '../api/me-api';
import { useAuth } from '../auth';
import { LoadFailed, PageLoading } from '../layout/page-state';

const STATES: Record<DelegationState, { label: string; color: string }> = {
  upcoming: { label: '未开始', color: 'processing' },
  active: { label: '生效中', color: 'success' },
  ended: { label: '已提前结束', color: 'default' },
  expired: { label: '已到期', color: 'default' },
};

const DAY = 'YYYY-MM-DD';

function Period({ d }: { d: Delegation }) {
  return (
    <span>
      {d.startsOn} 至 {d.endsOn}
      <Tag color={STATES[d.state].color} style={{ marginInlineStart: 8 }}>
        {STATES[d.state].label}
      </Tag>
    </span>
  );
}

interface NewDelegation {
  deputyId?: string;
  startsOn?: Dayjs;
  endsOn?: Dayjs;
  reason?: string;
}

/** The form naming a deputy for a date range. */
function DelegateForm({ deputies, onMade }: { deputies: Delegations['deputies']; onMade(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NewDelegation>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: NewDelegation) => {
    setBusy(true);
    setError(null);
    try {
      await meApi.delegate({
        deputyId: v.deputyId,
        startsOn: v.startsOn?.format(DAY),
        endsOn: v.endsOn?.format(DAY),
        reason: v.reason?.trim() || undefined,
      });
      form.resetFields();
      message.success('委托已生效，代办人将在委托期间代您办理');
      onMade();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (deputies.length === 0) {
    return <Alert type="info" showIcon title="本单位暂无其他在用账号，无法委托代办。" />;
  }
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 480 }}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form.Item label="代办人" name="deputyId" rules={[{ required: true, message: '请选择代办人' }]}>
        <Select
          aria-label="代办人"
          placeholder="选择本单位的同事"
          options={deputies.map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Space wrap size="middle" align="start">
        <Form.Item label="开始日期" name="startsOn" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker aria-label="开始日期" placeholder="开始日期" format={DAY} />
        </Form.Item>
        <Form.Item label="结束日期" name="endsOn" rules={[{ required: true, message: '请选择结束日期' }]}>
          <DatePicker
            aria-label="结束日期"
            placeholder="结束日期"
            format={DAY}
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
          />
        </Form.Item>
      </Space>
      <Form.Item label="事由（可不填）" name="reason">
        <Input aria-label="事由" maxLength={200} placeholder="如：出差、休假" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        委托代办
      </Button>
    </Form>
  );
}

/** 委托代办: name a deputy while away, see current and past delegations, end one early; delegations received. */
export default function DelegationsPage() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [data, setData] = useState<Delegations | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    meApi.delegations().then(setData).catch(setError);
  }, []);
  useEffect(load, [load]);

  if (error) return <LoadFailed error={error} back={{ to: '/', label: '返回工作台' }} />;
  if (!data) return <PageLoading />;

  const end = async (d: Delegation) => {
    try {
      await meApi.endDelegation(d.id);
      message.success(`已结束对 ${d.deputyName} 的委托`);
    } catch (e) {
      message.error(errorMessage(e));
    }
    load();
  };
  const activeReceived = data.received.filter((d) => d.state === 'active');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        委托代办
      </Typography.Title>
      {activeReceived.length ? (
        <Alert
          type="info"
          showIcon
          title={`您正受 ${activeReceived.map((d) => d.principalName).join('、')} 委托代办审核事项`}
          description={<Link to="/tasks">前往待办</Link>}
        />
      ) : null}
      {data.canDelegate ? (
        <Card size="small" title="委托他人代办">
          <Typography.Paragraph type="secondary">
            外出或休假期间，可委托本单位的同事在指定日期内代您办理审核、签批事项；办理记录会注明「代
            {me?.name ?? '您'}办理」。
          </Typography.Paragraph>
          <DelegateForm deputies={data.deputies} onMade={load} />
        </Card>
      ) : (
        <Alert type="info" showIcon title="只有单位负责人或审核人可以委托他人代办。" />
      )}
      {data.canDelegate ? (
        <Card size="small" title="我的委托">
          <List
            dataSource={data.given}
            locale={{ emptyText: '暂无委托' }}
            renderItem={(d) => (
              <List.Item
                actions={
                  d.state === 'active' || d.state === 'upcoming'
                    ? [
                        <Popconfirm
                          key="end"
                          title={`提前结束对 ${d.deputyName} 的委托？`}
                          okText="结束委托"
                          cancelText="取消"
                          onConfirm={() => void end(d)}
                        >
                          <Button size="small">提前结束</Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={`代办人：${d.deputyName}`}
                  description={
                    <>
                      <Period d={d} />
                      {d.reason ? <div>事由：{d.reason}</div> : null}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Card size="small" title="委托我代办的">
        <List
          dataSource={data.received}
          locale={{ emptyText: '暂无他人委托您代办' }}
          renderItem={(d) => (
            <List.Item>
              <List.Item.Meta
                title={`委托人：${d.principalName}`}
                description={
                  <>
                    <Period d={d} />
                    {d.reason ? <div>事由：{d.reason}</div> : null}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
