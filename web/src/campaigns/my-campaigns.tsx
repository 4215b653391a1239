/**
 * The 工作台's 填报任务 card. A department sees the open campaigns addressed to it with their due date and
 * 「开始填报」 (creates the linked submission, or opens the one that exists); the bureau sees progress.
 */
import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { submissionsApi } from '../api/submissions-api';
import { useAuth } from '../auth';
import { formatDate } from '../lib/labels';
import { useAsync } from '../lib/use-async';
import {
  BOARD_LABELS,
  BOARD_STATUSES,
  type BoardRow,
  type CampaignSummary,
  campaignApi,
  canManageCampaigns,
  submittedOf,
  totalOf,
} from './campaign-api';

type Item = CampaignSummary & { row?: BoardRow };

/** Open campaigns with the caller's own row (from the list when it carries it, else from the board). */
async function loadMine(unitId: string): Promise<Item[]> {
  const { items } = await campaignApi.list();
  const open = items.filter((c) => c.status !== 'closed').slice(0, 10);
  return Promise.all(
    open.map(async (c) => {
      if (c.mine) return { ...c, row: c.mine };
      try {
        const full = await campaignApi.get(c.id);
        return { ...c, row: full.units.find((u) => u.unitId === unitId) };
      } catch {
        return { ...c };
      }
    }),
  );
}

/** Creates the campaign's submission for the caller's unit, or finds the one that exists (409). */
export async function startCampaign(c: { id: string; formId: string }, unitId: string): Promise<string> {
  try {
    const created = await submissionsApi.create({ formId: c.formId, campaignId: c.id });
    return created.id;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e;
    const full = await campaignApi.get(c.id);
    const existing = full.units.find((u) => u.unitId === unitId)?.submissionId;
    if (!existing) throw e;
    return existing;
  }
}

function daysLeft(due: string): string {
  const end = new Date(`${due}T23:59:59+08:00`).getTime();
  const days = Math.ceil((end - Date.now()) / 86_400_000);
  if (days < 0) return `已逾期 ${-days} 天`;
  return days === 0 ? '今天截止' : `剩余 ${days} 天`;
}

export function MyCampaigns() {
  const { me } = useAuth();
  const navigate = useNavigate();
  const manage = canManageCampaigns(me);
  const unitId = me?.unitId ?? '';
  const { data, error, loading } = useAsync(
    () => (manage ? campaignApi.list().then((r) => r.items.filter((c) => c.status !== 'closed')) : loadMine(unitId)),
    [unitId, manage],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);

  const start = async (c: Item) => {
    setBusy(c.id);
    setStartError(null);
    try {
      const id = c.row?.submissionId ?? (await startCampaign(c, unitId));
      navigate(`/submissions/${encodeURIComponent(id)}`);
    } catch (e) {
      setStartError(errorMessage(e));
      setBusy(null);
    }
  };

  const items: Item[] = data ?? [];
  return (
    <Card
      title="填报任务"
      size="small"
      style={{ marginTop: 16 }}
      className="my-campaigns"
      extra={<Link to="/campaigns">全部任务</Link>}
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
      {startError ? <Alert type="error" showIcon title={startError} style={{ marginBottom: 8 }} /> : null}
      <List<Item>
        loading={loading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无进行中的填报任务" /> }}
        renderItem={(c) => {
          const row = c.row;
          const status = row?.status ?? 'not_started';
          const started = Boolean(row?.submissionId);
          const overdue = row?.overdue ?? c.dueDate < new Date().toISOString().slice(0, 10);
          return (
            <List.Item
              data-campaign-id={c.id}
              actions={
                manage
                  ? [
                      <Link key="board" to={`/campaigns/${encodeURIComponent(c.id)}`}>
                        查看完成情况
                      </Link>,
                    ]
                  : [
                      started ? (
                        <Button key="open" loading={busy === c.id} onClick={() => void start(c)}>
                          {status === 'draft' || status === 'returned' ? '继续填报' : '查看'}
                        </Button>
                      ) : (
                        <Button key="start" type="primary" loading={busy === c.id} onClick={() => void start(c)}>
                          开始填报
                        </Button>
                      ),
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Link to={`/campaigns/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                    {manage ? null : (
                      <Tag color={BOARD_STATUSES.find((s) => s.status === status)?.color}>{BOARD_LABELS[status]}</Tag>
                    )}
                  </Space>
                }
                description={
                  <Space wrap size={[12, 0]}>
                    <span style={overdue && !manage ? { color: '#cf1322' } : undefined}>
                      截止 {formatDate(c.dueDate)}
                      {manage || (started && status !== 'draft') ? '' : `（${daysLeft(c.dueDate)}）`}
                    </span>
                    {manage ? (
                      <Typography.Text type="secondary">
                        已提交 {submittedOf(c.counts)} / {totalOf(c.counts)}
                        {c.counts.overdue ? `，逾期 ${c.counts.overdue}` : ''}
                      </Typography.Text>
                    ) : null}
                    {c.notice && !manage ? (
                      <Typography.Text
                        type="secondary"
                        ellipsis={{ tooltip: c.notice }}
                        className="campaign-card-notice"
                      >
                        {c.notice}
                      </Typography.Text>
                    ) : null}
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
