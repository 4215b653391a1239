import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Tabs,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { FormDefinition } from '../api/types';
import { prepareUiSchema } from '../form/rjsf-setup';
import { SchemaForm } from '../form/schema-form';
import { adminApi, type Indicator } from './admin-api';
import { mapServerErrors } from './design-errors';
import {
  buildDefinition,
  checkDesign,
  type DesignField,
  FIELD_TYPE_LABELS,
  type FieldType,
  fieldPath,
  keptBlocks,
  keyFromLabel,
  newUid,
} from './design-model';
import { parseDefinition } from './design-parse';
import { DefinitionJson, PreviewBoundary, useComputedPreview } from './designer-panels';
import { FieldEditor } from './field-editor';
import { FormSettings } from './form-settings';
import { type SaveProblem, toProblem } from './server-errors';

const ADDABLE: FieldType[] = [
  'section',
  'text',
  'textarea',
  'number',
  'money',
  'percent',
  'date',
  'choice',
  'boolean',
  'table',
  'indicatorTable',
  'attachment',
];
const FORM_ID = /^[a-z][a-z0-9-]{1,39}$/;

function stringify(x: unknown) {
  return JSON.stringify(x, null, 2);
}

/**
 * 表单设计器: fields with their settings on the left; on the right the live preview (the same rjsf
 * form the fill page renders, with sample data and computed fields) and the JSON of schema, uiSchema
 * and logic, editable in both directions. Saving stores a new draft version; publishing is explicit.
 */
export function FormDesignerPage() {
  const { formId } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(Boolean(formId));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [meta, setMeta] = useState({ id: formId ?? '', title: '', family: '', chainId: '', chainVersion: 0 });
  const [fields, setFields] = useState<DesignField[]>([]);
  const [keyEdited, setKeyEdited] = useState<Set<string>>(new Set());
  const [baseLogic, setBaseLogic] = useState<Record<string, unknown>>({});
  const [kept, setKept] = useState<Record<string, unknown>>({});
  const [sample, setSample] = useState<Record<string, unknown>>({});
  const [chains, setChains] = useState<{ id: string; title: string; latestVersion: number }[]>([]);
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [saved, setSaved] = useState<{ version: number; status: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [json, setJson] = useState({ schema: '', uiSchema: '', logic: '' });
  const [jsonError, setJsonError] = useState<string | null>(null);
  const jsonEdit = useRef(false);

  const definition = useMemo(() => buildDefinition(fields, baseLogic), [fields, baseLogic]);
  const problems = useMemo(() => checkDesign(fields), [fields]);
  const server = useMemo(() => mapServerErrors(problem, fields), [problem, fields]);

  useEffect(() => {
    adminApi.chains().then(setChains, () => setChains([]));
    adminApi.indicators().then(setIndicators, () => setIndicators([]));
  }, []);

  useEffect(() => {
    if (!formId) return;
    (async () => {
      try {
        const versions = await adminApi.versions(formId);
        const latest = await adminApi.formVersion(formId, versions.latestVersion);
        setMeta({
          id: latest.id,
          title: latest.title,
          family: latest.family ?? '',
          chainId: latest.chainId,
          chainVersion: latest.chainVersion,
        });
        setFields(parseDefinition(latest.schema, latest.uiSchema, latest.logic));
        setKeyEdited(new Set(['*']));
        setBaseLogic(latest.logic ?? {});
        setKept(keptBlocks(latest as unknown as Record<string, unknown>));
      } catch (e) {
        setLoadError(toProblem(e).message);
      } finally {
        setLoading(false);
      }
    })();
  }, [formId]);

  // Designer → JSON text (unless the change came from the JSON view itself).
  useEffect(() => {
    if (jsonEdit.current) {
      jsonEdit.current = false;
      return;
    }
    setJson({
      schema: stringify(definition.schema),
      uiSchema: stringify(definition.uiSchema),
      logic: stringify(definition.logic),
    });
    setJsonError(null);
  }, [definition]);

  const formDef = useMemo<FormDefinition>(
    () => ({
      id: meta.id || 'preview',
      version: 0,
      title: meta.title,
      schema: definition.schema,
      uiSchema: definition.uiSchema,
      logic: definition.logic,
      chainId: meta.chainId,
      chainVersion: meta.chainVersion,
    }),
    [definition, meta],
  );

  const results = useComputedPreview(fields, sample, setSample, formDef.logic, baseLogic);

  const update = (uid: string, next: DesignField, edited?: boolean) => {
    setFields((fs) => fs.map((f) => (f.uid === uid ? next : f)));
    if (edited) setKeyEdited((s) => new Set(s).add(uid));
    setProblem(null);
  };
  const add = (type: FieldType) => {
    setFields((fs) => {
      const taken = new Set(fs.map((f) => f.key));
      const label =
        type === 'section' ? `第${fs.filter((f) => f.type === 'section').length + 1}部分` : FIELD_TYPE_LABELS[type];
      const field: DesignField = {
        uid: newUid(),
        type,
        label,
        key: keyFromLabel(type === 'section' ? 'section' : label, taken),
      };
      if (type === 'choice') field.options = [{ value: 'option1', label: '选项1' }];
      if (type === 'table') field.columns = [{ uid: newUid(), type: 'text', label: '名称', key: 'name' }];
      if (type === 'percent') Object.assign(field, { min: 0, max: 100 });
      return [...fs, field];
    });
  };
  const move = (index: number, delta: -1 | 1) =>
    setFields((fs) => {
      const next = [...fs];
      const [f] = next.splice(index, 1);
      next.splice(index + delta, 0, f);
      return next;
    });

  const onJson = (part: 'schema' | 'uiSchema' | 'logic', text: string) => {
    const next = { ...json, [part]: text };
    setJson(next);
    try {
      const schema = JSON.parse(next.schema);
      const uiSchema = JSON.parse(next.uiSchema);
      const logic = JSON.parse(next.logic);
      const parsed = parseDefinition(schema, uiSchema, logic);
      jsonEdit.current = true;
      setFields(parsed);
      setKeyEdited(new Set(['*']));
      setBaseLogic(logic && typeof logic === 'object' ? logic : {});
      setJsonError(null);
    } catch (e) {
      setJsonError(`JSON 无法解析：${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const save = async () => {
    const local: string[] = [];
    if (!FORM_ID.test(meta.id)) local.push('表单编号须为2–40位小写字母、数字或连字符，以字母开头');
    if (!meta.title.trim()) local.push('请填写表单名称');
    if (!meta.chainId) local.push('请选择审核链');
    if (!fields.some((f) => f.type !== 'section')) local.push('表单至少需要一个字段');
    if (Object.keys(problems).length) local.push('请先修正标红的字段');
    if (jsonError) local.push('JSON 有错误，请先修正');
    if (local.length) {
      setProblem({ message: '表单尚不能保存', details: local.map((m) => ({ path: '', message: m })) });
      return;
    }
    setBusy(true);
    try {
      const r = await adminApi.saveForm({
        id: meta.id,
        title: meta.title.trim(),
        ...(meta.family ? { family: meta.family } : {}),
        schema: definition.schema,
        uiSchema: definition.uiSchema,
        logic: definition.logic,
        chainId: meta.chainId,
        ...(meta.chainVersion ? { chainVersion: meta.chainVersion } : {}),
        ...kept,
      });
      setSaved({ version: r.version, status: r.status });
      setProblem(null);
      message.success(`已保存为第 ${r.version} 版（草稿）`);
      if (!formId) navigate(`/admin/forms/${encodeURIComponent(r.id)}/design`, { replace: true });
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    if (!saved) return;
    setBusy(true);
    try {
      await adminApi.publish(meta.id, saved.version);
      setSaved({ ...saved, status: 'published' });
      message.success(`第 ${saved.version} 版已发布，新建的填报将使用此版本`);
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  if (loading) return <Spin />;
  if (loadError) return <Alert type="error" showIcon title={loadError} />;
  const chain = chains.find((c) => c.id === meta.chainId);
  const groupKeys = (uid: string) => {
    const path = fieldPath(fields, uid) ?? '';
    const parent = path.split('/').slice(0, -1).join('/');
    return new Set(
      fields
        .filter((f) => f.uid !== uid && (fieldPath(fields, f.uid) ?? '').split('/').slice(0, -1).join('/') === parent)
        .map((f) => f.key),
    );
  };

  return (
    <div className="form-designer">
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {formId ? `设计表单：${meta.title || formId}` : '新建表单'}
        </Typography.Title>
        <Space>
          {formId ? <Link to={`/admin/forms/${encodeURIComponent(formId)}/versions`}>版本与发布</Link> : null}
          <Button type="primary" loading={busy} onClick={() => void save()}>
            保存为新版本
          </Button>
          <Popconfirm
            title={`发布第 ${saved?.version ?? ''} 版？`}
            description="发布后新建的填报使用此版本；已经开始的填报保持原版本。"
            okText="确定发布"
            cancelText="取消"
            disabled={!saved || saved.status === 'published'}
            onConfirm={() => publish()}
          >
            <Button disabled={!saved || saved.status === 'published'} loading={busy}>
              发布
            </Button>
          </Popconfirm>
        </Space>
      </Space>
      {saved ? (
        <Alert
          data-testid="save-result"
          style={{ marginBottom: 12 }}
          type={saved.status === 'published' ? 'success' : 'info'}
          showIcon
          title={
            saved.status === 'published'
              ? `第 ${saved.version} 版已发布`
              : `已保存第 ${saved.version} 版（草稿，尚未发布）`
          }
        />
      ) : null}
      {problem ? (
        <Alert
          data-testid="save-problem"
          style={{ marginBottom: 12 }}
          type="error"
          showIcon
          title={problem.message}
          description={[
            ...(problem.details.some((d) => !d.path) ? problem.details.map((d) => d.message) : server.general),
          ].map((m) => <div key={m}>{m}</div>)}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={8}>
          <Col span={5}>
            <Input
              aria-label="表单编号"
              addonBefore="编号"
              disabled={Boolean(formId)}
              value={meta.id}
              placeholder="如 project-monitor"
              onChange={(e) => setMeta({ ...meta, id: e.target.value.trim() })}
            />
          </Col>
          <Col span={8}>
            <Input
              aria-label="表单名称"
              addonBefore="名称"
              value={meta.title}
              onChange={(e) => setMeta({ ...meta, title: e.target.value })}
            />
          </Col>
          <Col span={7}>
            <div data-testid="chain-select">
              <Select
                aria-label="审核链"
                style={{ width: '100%' }}
                placeholder="审核链"
                value={meta.chainId || undefined}
                options={chains.map((c) => ({ value: c.id, label: `${c.title}（${c.id}）` }))}
                onChange={(id: string) =>
                  setMeta({ ...meta, chainId: id, chainVersion: chains.find((c) => c.id === id)?.latestVersion ?? 0 })
                }
              />
            </div>
          </Col>
          <Col span={4}>
            <Select
              aria-label="审核链版本"
              style={{ width: '100%' }}
              disabled={!chain}
              value={meta.chainVersion || undefined}
              placeholder="版本"
              options={Array.from({ length: chain?.latestVersion ?? 0 }, (_, i) => (chain?.latestVersion ?? 0) - i).map(
                (v) => ({ value: v, label: `第 ${v} 版` }),
              )}
              onChange={(v: number) => setMeta({ ...meta, chainVersion: v })}
            />
          </Col>
        </Row>
      </Card>
      <Row gutter={12}>
        <Col span={12}>
          <Card size="small" title="字段" style={{ marginBottom: 8 }}>
            <Space wrap size={4}>
              {ADDABLE.map((t) => (
                <Button key={t} size="small" onClick={() => add(t)}>
                  + {FIELD_TYPE_LABELS[t]}
                </Button>
              ))}
            </Space>
          </Card>
          {fields.length === 0 ? <Empty description="尚无字段，点击上方按钮添加" /> : null}
          {fields.map((f, i) => (
            <FieldEditor
              key={f.uid}
              field={f}
              path={fieldPath(fields, f.uid) ?? ''}
              index={i}
              count={fields.length}
              problem={problems[f.uid]}
              serverErrors={server.byUid[f.uid]}
              computedResult={results[f.uid]}
              indicators={indicators}
              takenKeys={groupKeys(f.uid)}
              keyEdited={keyEdited.has(f.uid) || keyEdited.has('*')}
              onChange={(next, edited) => update(f.uid, next, edited)}
              onMove={(d) => move(i, d)}
              onRemove={() => setFields((fs) => fs.filter((x) => x.uid !== f.uid))}
            />
          ))}
        </Col>
        <Col span={12}>
          <Card size="small" style={{ position: 'sticky', top: 8 }}>
            <Tabs
              items={[
                {
                  key: 'preview',
                  label: '预览',
                  children: (
                    <div data-testid="form-preview">
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                        填报人看到的表单（示例数据可在此输入，计算字段随之更新）。
                      </Typography.Paragraph>
                      <PreviewBoundary resetKey={json.schema + json.uiSchema}>
                        <SchemaForm
                          schema={definition.schema}
                          uiSchema={prepareUiSchema(definition.uiSchema)}
                          formData={sample}
                          onChange={(d) => setSample(d)}
                        />
                      </PreviewBoundary>
                    </div>
                  ),
                },
                {
                  key: 'settings',
                  label: '表单设置',
                  children: <FormSettings logic={definition.logic} />,
                },
                {
                  key: 'json',
                  label: 'JSON',
                  children: <DefinitionJson json={json} error={jsonError} onChange={onJson} />,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
