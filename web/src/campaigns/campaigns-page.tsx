/** 填报任务 list: the bureau sees every campaign, a department those addressed to its unit. */
import { Button, Progress, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { useAuth } from '../auth';
import { PagedTable, useCursorList } from '../layout/paged-list';
import { formatDate } from '../lib/labels';
import { useForms } from '../lib/reference-data';
import { type CampaignSummary, campaignApi, canManageCampaigns, submittedOf, totalOf } from './campaign-api';
import './campaigns.css';

export default function CampaignsPage() {
  const { me } = useAuth();
  const forms = useForms();
  const list = useCursorList((cursor) => campaignApi.list(cursor), []);
  const manage = canManageCampaigns(me);

  const columns: ColumnsType<CampaignSummary> = [
    {
      title: '任务名称',
      dataIndex: 'title',
      render: (title: string, c) => <Link to={`/campaigns/${encodeURIComponent(c.id)}`}>{title}</Link>,
    },
    {
      title: '表单',
      dataIndex: 'formId',
      width: 200,
      render: (id: string, c) => c.formTitle ?? forms.find((f) => f.id === id)?.title ?? id,
    },
    { title: '年度', dataIndex: 'year', width: 70 },
    { title: '截止日期', dataIndex: 'dueDate', width: 110, render: (v: string) => formatDate(v) },
    {
      title: '完成情况',
      key: 'progress',
      width: 220,
      render: (_, c) => {
        const total = totalOf(c.counts);
        const done = submittedOf(c.counts);
        return (
          <div>
            <Progress
              percent={total ? Math.round((done / total) * 100) : 0}
              size="small"
              format={() => `${done}/${total}`}
            />
            <span className="campaign-progress">
              {c.counts.approved ? <Tag color="success">已通过 {c.counts.approved}</Tag> : null}
              {c.counts.overdue ? <Tag color="red">逾期 {c.counts.overdue}</Tag> : null}
            </span>
          </div>
        );
      },
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (s?: string) => (s === 'closed' ? <Tag>已关闭</Tag> : <Tag color="processing">进行中</Tag>),
    },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4}>填报任务</Typography.Title>
        {manage ? (
          <Link to="/campaigns/new">
            <Button type="primary">发布填报任务</Button>
          </Link>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary">
        {manage
          ? '绩效评价服务股、预算股下发的年度填报工作：查看各单位完成情况、催报、导出。'
          : '财政局下发给本单位的填报任务。'}
      </Typography.Paragraph>
      <PagedTable
        list={list}
        rowKey="id"
        columns={columns}
        scroll={{ x: 760 }}
        locale={{ emptyText: '暂无填报任务' }}
      />
    </div>
  );
}
