/** One 填报任务: its notice and deadline, the completion board, 催报, 导出Excel, 调整 and 关闭. */
import { Alert, App, Button, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth';
import { LoadFailed, PageLoading } from '../layout/page-state';
import { ExcelButton } from '../lib/excel-button';
import { formatDate, formatDateTime } from '../lib/labels';
import { useForms } from '../lib/reference-data';
import { useAsync } from '../lib/use-async';
import { campaignApi, canManageCampaigns, notSubmitted } from './campaign-api';
import { CampaignBoard } from './campaign-board';
import { EditCampaignModal } from './edit-campaign-modal';
import { RemindModal } from './remind-modal';
import './campaigns.css';

export default function CampaignBoardPage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const { message } = App.useApp();
  const forms = useForms();
  const { data: campaign, error, loading, reload } = useAsync(() => campaignApi.get(id), [id]);
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'remind' | 'edit' | null>(null);
  const [closing, setClosing] = useState(false);

  if (error) return <LoadFailed error={error} back={{ to: '/campaigns', label: '返回任务列表' }} />;
  if (!campaign) return loading ? <PageLoading /> : null;

  const closed = campaign.status === 'closed';
  const can = campaign.permissions ?? {
    canEdit: !closed && canManageCampaigns(me),
    canRemind: !closed && canManageCampaigns(me),
    canClose: !closed && canManageCampaigns(me),
    canExport: true,
  };
  const chosen = selected.length > 0;
  const targets = chosen
    ? campaign.units.filter((u) => selected.includes(u.unitId))
    : campaign.units.filter(notSubmitted);
  const formTitle = campaign.formTitle ?? forms.find((f) => f.id === campaign.formId)?.title ?? campaign.formId;

  const close = async () => {
    setClosing(true);
    try {
      await campaignApi.close(campaign.id, campaign.version);
      message.success('任务已关闭，完成情况已冻结');
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setClosing(false);
    }
  };

  return (
    <div className="campaign-board-page">
      <div className="campaign-head">
        <div>
          <Typography.Title level={4}>
            {campaign.title} {closed ? <Tag>已关闭</Tag> : <Tag color="processing">进行中</Tag>}
          </Typography.Title>
          <Link to="/campaigns">返回任务列表</Link>
        </div>
        <Space wrap>
          {can.canRemind ? (
            <Button type="primary" onClick={() => setDialog('remind')}>
              {chosen ? `催报所选（${selected.length}）` : '催报未提交单位'}
            </Button>
          ) : null}
          {can.canExport ? (
            <ExcelButton path={campaignApi.exportPath(campaign.id)} fileName={`${campaign.title}-完成情况.xlsx`} />
          ) : null}
          {can.canEdit ? <Button onClick={() => setDialog('edit')}>调整任务</Button> : null}
          {can.canClose ? (
            <Popconfirm
              title="关闭任务？"
              description="关闭后完成情况冻结，不能再催报或调整。"
              okText="关闭任务"
              cancelText="取消"
              onConfirm={() => void close()}
            >
              <Button danger loading={closing}>
                关闭任务
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'form', label: '表单', children: formTitle },
          { key: 'year', label: '年度', children: campaign.year },
          { key: 'due', label: '截止日期', children: formatDate(campaign.dueDate) },
          {
            key: 'issued',
            label: closed ? '关闭时间' : '发布时间',
            children: formatDateTime(closed ? campaign.closedAt : campaign.createdAt),
          },
          ...(campaign.notice
            ? [
                {
                  key: 'notice',
                  label: '通知',
                  span: 'filled' as const,
                  children: <span className="campaign-notice">{campaign.notice}</span>,
                },
              ]
            : []),
        ]}
      />
      {closed ? (
        <Alert type="info" showIcon title="任务已关闭，以下为关闭时的完成情况。" style={{ marginBottom: 12 }} />
      ) : null}
      <CampaignBoard
        rows={campaign.units}
        viewerUnitId={me?.unitId}
        selectable={can.canRemind}
        selected={selected}
        onSelect={setSelected}
      />
      {dialog === 'remind' ? (
        <RemindModal
          campaignId={campaign.id}
          open
          targets={targets}
          chosen={chosen}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setSelected([]);
            reload();
          }}
        />
      ) : null}
      {dialog === 'edit' ? (
        <EditCampaignModal
          campaign={campaign}
          open
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
