import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Col,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useAsync } from '../lib/use-async';
import { type Assignee, adminApi, type ChainStep } from './admin-api';
import { ChainDiagram } from './chain-diagram';
import { type SaveProblem, toProblem } from './server-errors';

const BASIS = [
  '第八条',
  '第九条',
  '第十三条',
  '第十四条',
  '第十五条',
  '第十六条',
  '第十七条',
  '第十八条',
  '第十九条',
  '第二十条',
  '第二十一条',
  '第二十二条',
  '第二十三条',
  '第二十四条',
  '第二十五条',
  '第二十七条',
  '第二十九条',
  '第三十条',
];
const ACTION_OPTIONS = [
  { value: 'approve', label: '通过' },
  { value: 'return', label: '退回' },
  { value: 'reject', label: '不予通过' },
];
const CHAIN_ID = /^[a-z][a-z0-9-]{0,39}$/;

interface EditStep extends ChainStep {
  uid: string;
}

let uidCounter = 0;
const uid = () => `s${Date.now().toString(36)}${++uidCounter}`;

function newStep(n: number): EditStep {
  return {
    uid: uid(),
    id: `step${n}`,
    name: '',
    basis: '',
    assignee: { type: 'managingSection' },
    actions: ['approve', 'return'],
  };
}

/** The chain as the API wants it: steps without designer ids, empty optional fields left out. */
function toChain(meta: { id: string; title: string; description: string }, steps: EditStep[]) {
  return {
    id: meta.id,
    title: meta.title.trim(),
    ...(meta.description.trim() ? { description: meta.description.trim() } : {}),
    steps: steps.map(({ uid: _u, ...s }) => {
      const out: Record<string, unknown> = { ...s, name: s.name.trim(), basis: s.basis.trim() };
      const list = Array.isArray(s.assignee) ? s.assignee : [s.assignee];
      out.assignee = list.length === 1 ? list[0] : list;
      if (list.length < 2) delete out.mode;
      if (!s.when?.trim()) delete out.when;
      if (!s.dueInWorkingDays) delete out.dueInWorkingDays;
      if (!s.returnTo || s.returnTo === 'submitter') delete out.returnTo;
      if (s.kind !== 'notify') delete out.kind;
      if (s.kind === 'notify') {
        out.actions = [];
        delete out.score;
        delete out.dueInWorkingDays;
        delete out.returnTo;
      }
      return out;
    }),
  };
}

/** 审核链列表. */
export function ChainsPage() {
  const { data, error, loading } = useAsync(() => adminApi.chains(), []);
  return (
    <div>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          审核链
        </Typography.Title>
        <Link to="/admin/chains/new">
          <Button type="primary">新建审核链</Button>
        </Link>
      </Space>
      {error ? <Alert type="error" showIcon title={toProblem(error).message} /> : null}
      <Table
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        columns={[
          { title: '编号', dataIndex: 'id' },
          { title: '名称', dataIndex: 'title' },
          { title: '最新版本', dataIndex: 'latestVersion', render: (v: number) => `第 ${v} 版` },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, c: { id: string }) => (
              <Link to={`/admin/chains/${encodeURIComponent(c.id)}`}>设计 / 版本</Link>
            ),
          },
        ]}
      />
    </div>
  );
}

/**
 * 审核链设计器: steps in order (name, 规程依据, assignees with 会签/或签, actions, score, condition,
 * deadline, 抄送), a diagram, checks before saving and the server's 422 details on the steps.
 * Each save is a new version; forms pin a version, submissions keep theirs.
 */
export function ChainDesignerPage() {
  const { chainId } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [meta, setMeta] = useState({ id: chainId ?? '', title: '', description: '' });
  const [steps, setSteps] = useState<EditStep[]>(() => (chainId ? [] : [newStep(1)]));
  const [versions, setVersions] = useState<{ version: number; title: string; steps: number }[]>([]);
  const [loading, setLoading] = useState(Boolean(chainId));
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const units = useAsync(
    () => api<{ items: { id: string; name: string; kind: string }[] }>('GET', '/api/units').then((r) => r.items),
    [],
  );
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  const unitOptions = (units.data ?? [])
    .filter((u) => u.kind !== 'department')
    .map((u) => ({ value: u.id, label: u.name }));

  useEffect(() => {
    if (!chainId) return;
    adminApi
      .chainVersions(chainId)
      .then((r) => {
        const latest = r.items[0];
        if (latest) {
          setMeta({ id: latest.id, title: latest.title, description: latest.description ?? '' });
          setSteps(latest.steps.map((s) => ({ ...s, uid: uid() })));
        }
        setVersions(r.items.map((c) => ({ version: c.version, title: c.title, steps: c.steps.length })));
      })
      .catch((e) => setProblem(toProblem(e)))
      .finally(() => setLoading(false));
  }, [chainId]);

  const local = useMemo(() => {
    const errs: Record<string, string[]> = {};
    const push = (k: string, m: string) => {
      errs[k] = [...(errs[k] ?? []), m];
    };
    if (!CHAIN_ID.test(meta.id)) push('meta', '审核链编号须为小写字母、数字或连字符，以字母开头');
    if (!meta.title.trim()) push('meta', '请填写审核链名称');
    const ids = new Set<string>();
    steps.forEach((s) => {
      if (!s.name.trim()) push(s.uid, '请填写步骤名称');
      if (!s.basis.trim()) push(s.uid, '请填写规程依据（如 第二十一条）');
      if (/[<>]/.test(s.name + s.basis)) push(s.uid, '名称和依据不能包含 < >');
      if (s.kind !== 'notify' && !s.actions.includes('approve')) push(s.uid, '审核步骤必须允许「通过」');
      const list = Array.isArray(s.assignee) ? s.assignee : [s.assignee];
      if (list.some((a) => a.type === 'unit' && !a.unitId)) push(s.uid, '请选择办理单位');
      if (list.length > 1 && !s.mode && s.kind !== 'notify') push(s.uid, '多个办理单位时请选择会签或或签');
      if (s.score && s.score.min > s.score.max) push(s.uid, '最低分不能大于最高分');
      if (ids.has(s.id)) push(s.uid, '步骤编号重复');
      ids.add(s.id);
    });
    if (!steps.some((s) => s.kind !== 'notify')) push('meta', '至少需要一个审核步骤');
    return errs;
  }, [meta, steps]);

  const serverByStep = useMemo(() => {
    const out: Record<number, string[]> = {};
    const general: string[] = [];
    for (const d of problem?.details ?? []) {
      const m = /^\/steps\/(\d+)/.exec(d.path);
      if (m) out[Number(m[1])] = [...(out[Number(m[1])] ?? []), d.message];
      else general.push(`${d.path || '/'}：${d.message}`);
    }
    return { out, general };
  }, [problem]);

  const patch = (i: number, p: Partial<EditStep>) => {
    setSteps((ss) => ss.map((s, j) => (j === i ? { ...s, ...p } : s)));
    setProblem(null);
  };
  const move = (i: number, d: -1 | 1) =>
    setSteps((ss) => {
      const next = [...ss];
      const [s] = next.splice(i, 1);
      next.splice(i + d, 0, s);
      return next;
    });

  const save = async () => {
    if (Object.keys(local).length) {
      setProblem({ message: '审核链尚不能保存，请先修正标红的内容', details: [] });
      return;
    }
    setBusy(true);
    try {
      const r = await adminApi.saveChain(toChain(meta, steps));
      setSaved(r.version);
      setProblem(null);
      message.success(`审核链已保存为第 ${r.version} 版`);
      setVersions((v) => [{ version: r.version, title: meta.title, steps: steps.length }, ...v]);
      if (!chainId) navigate(`/admin/chains/${encodeURIComponent(r.id)}`, { replace: true });
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  if (loading) return <Spin />;
  return (
    <div className="chain-designer">
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {chainId ? `设计审核链：${meta.title || chainId}` : '新建审核链'}
        </Typography.Title>
        <Button type="primary" loading={busy} onClick={() => void save()}>
          保存为新版本
        </Button>
      </Space>
      {saved ? (
        <Alert
          data-testid="chain-saved"
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已保存第 ${saved} 版`}
        />
      ) : null}
      {problem ? (
        <Alert
          data-testid="chain-problem"
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={problem.message}
          description={[...(local.meta ?? []), ...serverByStep.general].map((m) => <div key={m}>{m}</div>)}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={8}>
          <Col span={6}>
            <Input
              aria-label="审核链编号"
              addonBefore="编号"
              disabled={Boolean(chainId)}
              value={meta.id}
              placeholder="如 monitor-chain"
              onChange={(e) => setMeta({ ...meta, id: e.target.value.trim() })}
            />
          </Col>
          <Col span={8}>
            <Input
              aria-label="审核链名称"
              addonBefore="名称"
              value={meta.title}
              onChange={(e) => setMeta({ ...meta, title: e.target.value })}
            />
          </Col>
          <Col span={10}>
            <Input
              aria-label="审核链说明"
              addonBefore="说明"
              value={meta.description}
              onChange={(e) => setMeta({ ...meta, description: e.target.value })}
            />
          </Col>
        </Row>
      </Card>
      <Card size="small" title="流程图" style={{ marginBottom: 12 }}>
        <ChainDiagram steps={steps} unitName={unitName} />
      </Card>
      {steps.map((s, i) => {
        const list = Array.isArray(s.assignee) ? s.assignee : [s.assignee];
        const setList = (next: Assignee[]) => patch(i, { assignee: next.length === 1 ? next[0] : next });
        const errors = [...(local[s.uid] ?? []), ...(serverByStep.out[i] ?? [])];
        const notify = s.kind === 'notify';
        return (
          <Card
            key={s.uid}
            size="small"
            data-testid="step-card"
            style={{
              marginBottom: 8,
              borderColor: errors.length ? '#ff4d4f' : undefined,
              borderStyle: s.when ? 'dashed' : 'solid',
            }}
            title={
              <Space>
                <Tag>{`第 ${i + 1} 步`}</Tag>
                {notify ? <Tag color="warning">抄送</Tag> : <Tag color="blue">审核</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.id}
                </Typography.Text>
              </Space>
            }
            extra={
              <Space size={4}>
                <Button
                  size="small"
                  aria-label="上移"
                  icon={<ArrowUpOutlined />}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                />
                <Button
                  size="small"
                  aria-label="下移"
                  icon={<ArrowDownOutlined />}
                  disabled={i === steps.length - 1}
                  onClick={() => move(i, 1)}
                />
                <Button
                  size="small"
                  danger
                  aria-label="删除步骤"
                  icon={<DeleteOutlined />}
                  disabled={steps.length === 1}
                  onClick={() => setSteps((ss) => ss.filter((_, j) => j !== i))}
                />
              </Space>
            }
          >
            <Row gutter={8}>
              <Col span={8}>
                <Input
                  aria-label="步骤名称"
                  addonBefore="名称"
                  value={s.name}
                  onChange={(e) => patch(i, { name: e.target.value })}
                />
              </Col>
              <Col span={6}>
                <div data-testid="step-basis">
                  <AutoComplete
                    aria-label="规程依据"
                    style={{ width: '100%' }}
                    placeholder="规程依据，如 第二十一条"
                    value={s.basis}
                    options={BASIS.map((b) => ({ value: b }))}
                    onChange={(v: string) => patch(i, { basis: v })}
                  />
                </div>
              </Col>
              <Col span={5}>
                <Radio.Group
                  value={notify ? 'notify' : 'review'}
                  onChange={(e) => patch(i, { kind: e.target.value === 'notify' ? 'notify' : undefined })}
                >
                  <Radio value="review">审核</Radio>
                  <Radio value="notify">抄送</Radio>
                </Radio.Group>
              </Col>
              <Col span={5}>
                <InputNumber
                  aria-label="办理期限"
                  disabled={notify}
                  min={1}
                  max={365}
                  placeholder="期限"
                  suffix="工作日"
                  style={{ width: '100%' }}
                  value={s.dueInWorkingDays ?? null}
                  onChange={(v) => patch(i, { dueInWorkingDays: typeof v === 'number' ? v : undefined })}
                />
              </Col>
            </Row>
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">办理单位：</Typography.Text>
              {list.map((a, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: assignees are positional
                <Space key={j} style={{ display: 'flex', marginTop: 4 }}>
                  <div data-testid="assignee-type">
                    <Select
                      aria-label="办理人类型"
                      style={{ width: 170 }}
                      value={a.type}
                      options={[
                        { value: 'managingSection', label: '归口业务股室' },
                        { value: 'unit', label: '指定单位' },
                        { value: 'submitterUnit', label: '填报单位' },
                        { value: 'subjectUnit', label: '被评价（检查）单位' },
                      ]}
                      onChange={(t: Assignee['type']) =>
                        setList(
                          list.map((x, k) =>
                            k === j ? (t === 'unit' ? { type: 'unit', unitId: '' } : { type: t }) : x,
                          ) as Assignee[],
                        )
                      }
                    />
                  </div>
                  {a.type === 'unit' ? (
                    <div data-testid="assignee-unit">
                      <Select
                        aria-label="办理单位"
                        showSearch
                        optionFilterProp="label"
                        style={{ width: 220 }}
                        placeholder="选择单位"
                        value={a.unitId || undefined}
                        options={unitOptions}
                        onChange={(id: string) =>
                          setList(list.map((x, k) => (k === j ? { type: 'unit', unitId: id } : x)) as Assignee[])
                        }
                      />
                    </div>
                  ) : null}
                  {list.length > 1 ? (
                    <Button
                      aria-label="移除办理单位"
                      icon={<DeleteOutlined />}
                      onClick={() => setList(list.filter((_, k) => k !== j))}
                    />
                  ) : null}
                </Space>
              ))}
              <Space style={{ marginTop: 4 }}>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setList([...list, { type: 'unit', unitId: '' }])}
                >
                  增加办理单位
                </Button>
                {list.length > 1 ? (
                  <Radio.Group value={s.mode} onChange={(e) => patch(i, { mode: e.target.value })}>
                    <Radio value="all">会签（全部通过）</Radio>
                    <Radio value="any">或签（任一通过）</Radio>
                  </Radio.Group>
                ) : null}
              </Space>
            </div>
            {notify ? null : (
              <Row gutter={8} style={{ marginTop: 8 }}>
                <Col span={8}>
                  <Checkbox.Group
                    aria-label="可用操作"
                    options={ACTION_OPTIONS}
                    value={s.actions}
                    onChange={(v) => patch(i, { actions: v as ChainStep['actions'] })}
                  />
                </Col>
                <Col span={8}>
                  <Space>
                    <Checkbox
                      checked={Boolean(s.score)}
                      onChange={(e) => patch(i, { score: e.target.checked ? { min: 0, max: 100 } : undefined })}
                    >
                      评分
                    </Checkbox>
                    {s.score ? (
                      <>
                        <InputNumber
                          aria-label="最低分"
                          size="small"
                          style={{ width: 70 }}
                          value={s.score.min}
                          onChange={(v) =>
                            patch(i, {
                              score: { ...(s.score as NonNullable<ChainStep['score']>), min: Number(v ?? 0) },
                            })
                          }
                        />
                        <InputNumber
                          aria-label="最高分"
                          size="small"
                          style={{ width: 70 }}
                          value={s.score.max}
                          onChange={(v) =>
                            patch(i, {
                              score: { ...(s.score as NonNullable<ChainStep['score']>), max: Number(v ?? 0) },
                            })
                          }
                        />
                        <Checkbox
                          checked={Boolean(s.score.required)}
                          onChange={(e) =>
                            patch(i, {
                              score: { ...(s.score as NonNullable<ChainStep['score']>), required: e.target.checked },
                            })
                          }
                        >
                          必须评分
                        </Checkbox>
                      </>
                    ) : null}
                  </Space>
                </Col>
                <Col span={8}>
                  <Select
                    aria-label="退回到"
                    style={{ width: '100%' }}
                    value={s.returnTo ?? 'submitter'}
                    options={[
                      { value: 'submitter', label: '退回到：填报单位' },
                      ...steps
                        .slice(0, i)
                        .filter((p) => p.kind !== 'notify')
                        .map((p) => ({ value: p.id, label: `退回到：${p.name || p.id}` })),
                    ]}
                    onChange={(v: string) => patch(i, { returnTo: v })}
                  />
                </Col>
              </Row>
            )}
            <Row style={{ marginTop: 8 }}>
              <Col span={24}>
                <Input
                  aria-label="条件"
                  addonBefore="条件（可选）"
                  placeholder='JSONata，为真时才经过此步，例如 data.fundType = "procurement"'
                  value={s.when ?? ''}
                  onChange={(e) => patch(i, { when: e.target.value || undefined })}
                />
              </Col>
            </Row>
            {errors.length ? <Alert style={{ marginTop: 8 }} type="error" showIcon title={errors.join('；')} /> : null}
          </Card>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        onClick={() =>
          setSteps((ss) => [
            ...ss,
            newStep(Math.max(0, ...ss.map((s) => Number(/^step(\d+)$/.exec(s.id)?.[1] ?? 0))) + 1),
          ])
        }
      >
        添加步骤
      </Button>
      {versions.length ? (
        <Card size="small" title="版本" style={{ marginTop: 16 }}>
          <Table
            size="small"
            rowKey="version"
            pagination={false}
            dataSource={versions}
            columns={[
              { title: '版本', dataIndex: 'version', render: (v: number) => `第 ${v} 版` },
              { title: '名称', dataIndex: 'title' },
              { title: '步骤数', dataIndex: 'steps' },
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}
