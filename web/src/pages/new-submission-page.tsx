import { Alert, Button, Card, Col, Modal, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { definitionsApi, submissionsApi } from '../api/submissions-api';
import type { FormDefinition, FormSummary } from '../api/types';
import { useForms } from '../lib/reference-data';
import { SourcePicker } from '../monitoring/source-picker';

function FormCard({ form }: { form: FormSummary }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [examples, setExamples] = useState<NonNullable<FormDefinition['examples']> | null>(null);
  const [picking, setPicking] = useState(false);
  const [linking, setLinking] = useState(false);
  const sourceForms = form.sourceForms ?? [];

  const create = async (key: string, data?: unknown, sourceSubmissionId?: string) => {
    setBusy(key);
    setError(null);
    try {
      const created = await submissionsApi.create({
        formId: form.id,
        ...(data === undefined ? {} : { data }),
        ...(sourceSubmissionId ? { sourceSubmissionId } : {}),
      });
      navigate(`/submissions/${encodeURIComponent(created.id)}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const openExamples = async () => {
    setBusy('examples');
    setError(null);
    try {
      let list = examples;
      if (!list) {
        const def = await definitionsApi.form(form.id);
        list = (def.examples ?? []).filter((e) => e.valid !== false);
        setExamples(list);
      }
      if (!list.length) setError('该表单没有可用的示例');
      else setPicking(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={form.title} size="small" data-form-id={form.id}>
      <Typography.Paragraph type="secondary">版本 {form.version}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      <Space wrap>
        {sourceForms.length ? (
          <Button type="primary" onClick={() => setLinking(true)}>
            从已批准的绩效目标开始
          </Button>
        ) : null}
        <Button
          type={sourceForms.length ? 'default' : 'primary'}
          loading={busy === 'blank'}
          onClick={() => void create('blank')}
        >
          新建空白填报
        </Button>
        <Button loading={busy === 'examples'} onClick={() => void openExamples()}>
          从示例填充
        </Button>
      </Space>
      <SourcePicker
        open={linking}
        formId={form.id}
        formTitle={form.title}
        busyId={busy?.startsWith('source-') ? busy.slice(7) : null}
        pickError={error}
        onPick={(id) => void create(`source-${id}`, undefined, id)}
        onCancel={() => setLinking(false)}
      />
      <Modal
        open={picking}
        title={`从示例填充：${form.title}`}
        footer={null}
        onCancel={() => setPicking(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          选择一个示例，系统将据此新建一份草稿，您可在其基础上修改。
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
        <Space orientation="vertical" style={{ width: '100%' }}>
          {(examples ?? []).map((example, i) => (
            <Button
              // biome-ignore lint/suspicious/noArrayIndexKey: examples are a fixed list
              key={i}
              block
              style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'left' }}
              loading={busy === `example-${i}`}
              onClick={() => void create(`example-${i}`, example.data)}
            >
              {example.title}
            </Button>
          ))}
        </Space>
      </Modal>
    </Card>
  );
}

export default function NewSubmissionPage() {
  const forms = useForms();
  return (
    <div>
      <Typography.Title level={4}>新建填报</Typography.Title>
      <Typography.Paragraph type="secondary">选择要填报的表单。草稿会自动保存，提交前可随时修改。</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {forms.map((f) => (
          <Col span={8} key={f.id}>
            <FormCard form={f} />
          </Col>
        ))}
      </Row>
    </div>
  );
}
