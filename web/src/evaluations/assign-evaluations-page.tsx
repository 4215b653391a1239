import { App, Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, errorMessage } from '../api/client';
import { submissionsApi } from '../api/submissions-api';

/**
 * 财政评价分派 (规程第二十六条): 绩效评价服务股 assigns each object of a list the 领导小组 approved to its own
 * staff or to a third-party agency (POST /api/evaluations); an assigned object links to its report.
 */
interface PlanObject {
  objectName: string;
  competentDeptName: string;
  amount?: string;
  mode?: string;
}
interface Plan {
  id: string;
  title: string;
  objects: PlanObject[];
}
interface Row extends PlanObject {
  key: string;
  planId: string;
  index: number;
  reportId: string | null;
}

const MODE_LABELS: Record<string, string> = {
  selfOrganised: '财政自行组织',
  experts: '专家组',
  thirdParty: '委托第三方',
};

export default function AssignEvaluationsPage() {
  const { message } = App.useApp();
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [assigned, setAssigned] = useState<Set<string>>(new Set());
  const [evaluators, setEvaluators] = useState<{ value: string; label: string }[]>([]);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [me, approved, reports, units] = await Promise.all([
        api<{ unitId: string; unitName: string }>('GET', '/api/me'),
        submissionsApi.list({ formId: 'fiscal-evaluation-plan', status: 'approved', limit: 50 }),
        submissionsApi.list({ formId: 'fiscal-evaluation', limit: 100 }),
        api<{ items: { id: string; name: string; kind: string }[] }>('GET', '/api/units'),
      ]);
      const full = await Promise.all(
        approved.items.map(async (p) => {
          const sub = await submissionsApi.get(p.id);
          const objects = (sub.data as { objects?: PlanObject[] }).objects ?? [];
          return { id: p.id, title: p.title ?? '', objects };
        }),
      );
      setPlans(full);
      setAssigned(new Set(reports.items.map((r) => r.id)));
      setEvaluators([
        { value: me.unitId, label: `${me.unitName}（自行评价）` },
        ...units.items
          .filter((u) => u.kind === 'agency')
          .map((u) => ({ value: u.id, label: `${u.name}（第三方机构）` })),
      ]);
    } catch (e) {
      message.error(errorMessage(e));
      setPlans([]);
    }
  }, [message]);
  useEffect(() => {
    void load();
  }, [load]);

  const assign = async (row: Row) => {
    const assigneeUnitId = choice[row.key];
    if (!assigneeUnitId) {
      message.warning('请先选择评价机构');
      return;
    }
    setBusy(row.key);
    try {
      await api('POST', '/api/evaluations', { planId: row.planId, objectIndex: row.index, assigneeUnitId });
      message.success(`已分派：${row.objectName}`);
      await load();
    } catch (e) {
      // A report still in the evaluator's drafts is not listed here: the server's answer says it exists.
      if (e instanceof ApiError && e.code === 'EVALUATION_ALREADY_ASSIGNED')
        setAssigned(new Set([...assigned, row.key]));
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>财政评价分派</Typography.Title>
      <Typography.Paragraph type="secondary">
        领导小组审议通过的年度财政评价对象，由绩效评价服务股自行组织评价或委托第三方机构评价；第三方机构只能看到分派给它的评价。
      </Typography.Paragraph>
      {plans && plans.length === 0 ? <Empty description="暂无领导小组审议通过的财政评价对象清单" /> : null}
      {(plans ?? []).map((plan) => {
        const rows: Row[] = plan.objects.map((o, index) => {
          const id = `${plan.id}-e${index}`;
          return { ...o, key: id, planId: plan.id, index, reportId: assigned.has(id) ? id : null };
        });
        return (
          <Card key={plan.id} title={plan.title} size="small">
            <Table<Row>
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={rows}
              columns={[
                { title: '评价对象', dataIndex: 'objectName' },
                { title: '主管部门', dataIndex: 'competentDeptName' },
                { title: '涉及资金（万元）', dataIndex: 'amount' },
                { title: '评价方式', dataIndex: 'mode', render: (m?: string) => (m ? (MODE_LABELS[m] ?? m) : '') },
                {
                  title: '分派',
                  key: 'assign',
                  render: (_: unknown, row) =>
                    row.reportId ? (
                      <Space>
                        <Tag color="green">已分派</Tag>
                        <Link to={`/review/${encodeURIComponent(row.reportId)}`}>查看评价报告</Link>
                      </Space>
                    ) : (
                      <Space wrap>
                        <Select
                          aria-label={`${row.objectName}的评价机构`}
                          style={{ minWidth: 220 }}
                          placeholder="选择评价机构"
                          value={choice[row.key]}
                          onChange={(v) => setChoice({ ...choice, [row.key]: v })}
                          options={evaluators}
                        />
                        <Button type="primary" loading={busy === row.key} onClick={() => assign(row)}>
                          分派
                        </Button>
                      </Space>
                    ),
                },
              ]}
            />
          </Card>
        );
      })}
    </Space>
  );
}
