import { App, Button, Card, Form, Input, Modal, Radio, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api/client';
import { submissionsApi } from '../api/submissions-api';

interface PublicationItem {
  id: string;
  submissionId: string;
  title: string;
  checkResult: 'passed' | 'returned';
  channel: string;
  url: string | null;
  note: string | null;
  checkedBy: { name: string };
  at: string;
}
interface Checkable {
  id: string;
  title: string;
  version: number;
}
interface CheckValues {
  checkResult: 'passed' | 'returned';
  channel: string;
  url?: string;
  note?: string;
}

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 公开复核 (第三十条): approved items the caller checks before publication, and every record kept. */
export default function PublicationsPage() {
  const { message } = App.useApp();
  const [items, setItems] = useState<PublicationItem[]>([]);
  const [checkable, setCheckable] = useState<Checkable[]>([]);
  const [checking, setChecking] = useState<Checkable | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<CheckValues>();

  const load = useCallback(async () => {
    try {
      const r = await api<{ items: PublicationItem[]; checkable: Checkable[] }>('GET', '/api/publications');
      setItems(r.items);
      setCheckable(r.checkable);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }, [message]);
  useEffect(() => {
    void load();
  }, [load]);

  const record = async (values: CheckValues) => {
    if (!checking) return;
    setSaving(true);
    try {
      await submissionsApi.recordPublication(checking.id, {
        ...values,
        url: values.url || undefined,
        note: values.note || undefined,
        version: checking.version,
      });
      message.success('已记录公开复核结果');
      setChecking(null);
      form.resetFields();
      await load();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <Typography.Title level={3}>公开复核</Typography.Title>
      {checkable.length > 0 ? (
        <Card title="待复核的已通过填报" size="small" style={{ marginBottom: 16 }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={checkable}
            columns={[
              { title: '填报', dataIndex: 'title', render: (t: string, r) => <Link to={`/review/${r.id}`}>{t}</Link> },
              {
                title: '操作',
                key: 'op',
                render: (_: unknown, r) => (
                  <Button size="small" onClick={() => setChecking(r)}>
                    记录复核结果
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      <Card title="公开记录" size="small">
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          dataSource={items}
          locale={{ emptyText: '暂无公开记录' }}
          columns={[
            {
              title: '填报',
              dataIndex: 'title',
              render: (t: string, r) => <Link to={`/review/${r.submissionId}`}>{t}</Link>,
            },
            {
              title: '复核结果',
              dataIndex: 'checkResult',
              render: (v: string) =>
                v === 'passed' ? <Tag color="success">通过，可公开</Tag> : <Tag color="warning">退回整改</Tag>,
            },
            { title: '公开渠道', dataIndex: 'channel' },
            { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
            { title: '复核人', key: 'by', render: (_: unknown, r) => r.checkedBy.name },
            { title: '时间', dataIndex: 'at', render: when },
          ]}
        />
      </Card>
      <Modal
        title={checking ? `公开复核：${checking.title}` : ''}
        open={checking !== null}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setChecking(null)}
      >
        <Form form={form} layout="vertical" initialValues={{ checkResult: 'passed' }} onFinish={record}>
          <Form.Item name="checkResult" label="复核结果">
            <Radio.Group
              options={[
                { value: 'passed', label: '通过，可以公开' },
                { value: 'returned', label: '有误，退回单位整改' },
              ]}
            />
          </Form.Item>
          <Form.Item name="channel" label="公开渠道" rules={[{ required: true, message: '请填写公开渠道' }]}>
            <Input maxLength={100} placeholder="如：随部门预算公开" />
          </Form.Item>
          <Form.Item name="url" label="公开网址">
            <Input maxLength={500} placeholder="https://" />
          </Form.Item>
          <Form.Item name="note" label="说明（退回时写明需整改的内容）">
            <Input.TextArea maxLength={1000} rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
