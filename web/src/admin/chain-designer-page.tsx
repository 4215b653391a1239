import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Row, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useAsync } from '../lib/use-async';
import { adminApi } from './admin-api';
import { ChainDiagram } from './chain-diagram';
import { ChainStepCard, type EditStep, transferModeOf } from './chain-step-card';
import { type SaveProblem, toProblem } from './server-errors';

const CHAIN_ID = /^[a-z][a-z0-9-]{0,39}$/;

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
    steps: steps.map(({ uid: _u, transferMode, ...s }) => {
      const out: Record<string, unknown> = { ...s, name: s.name.trim(), basis: s.basis.trim() };
      const transfer = transferMode ?? transferModeOf(s.transferTo);
      if (transfer === 'any') delete out.transferTo;
      if (transfer === 'none') out.transferTo = [];
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
        delete out.transferTo;
      }
      return out;
    }),
  };
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
          setSteps(
            latest.steps.map((s) => {
              const transferTo = Array.isArray(s.transferTo) ? (s.transferTo as string[]) : undefined;
              return { ...s, uid: uid(), transferTo, transferMode: transferModeOf(transferTo) };
            }),
          );
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
      if (s.kind !== 'notify' && s.transferMode === 'some' && !s.transferTo?.length)
        push(s.uid, '请选择允许转交的单位，或改为不允许转交');
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
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
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
        <Row gutter={[8, 8]}>
          <Col xs={24} md={6}>
            <Input
              aria-label="审核链编号"
              addonBefore="编号"
              disabled={Boolean(chainId)}
              value={meta.id}
              placeholder="如 monitor-chain"
              onChange={(e) => setMeta({ ...meta, id: e.target.value.trim() })}
            />
          </Col>
          <Col xs={24} md={8}>
            <Input
              aria-label="审核链名称"
              addonBefore="名称"
              value={meta.title}
              onChange={(e) => setMeta({ ...meta, title: e.target.value })}
            />
          </Col>
          <Col xs={24} md={10}>
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
      {steps.map((s, i) => (
        <ChainStepCard
          key={s.uid}
          s={s}
          i={i}
          steps={steps}
          errors={[...(local[s.uid] ?? []), ...(serverByStep.out[i] ?? [])]}
          unitOptions={unitOptions}
          patch={(p) => patch(i, p)}
          onMove={(d) => move(i, d)}
          onRemove={() => setSteps((ss) => ss.filter((_, j) => j !== i))}
        />
      ))}
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
            scroll={{ x: 'max-content' }}
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
