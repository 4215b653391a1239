/**
 * 统计分析: completion per 填报任务, overdue units, the grades of approved self-evaluations (优/良/中/差) and
 * the average time each review step takes. The bureau sees everything, a department its own submissions.
 * Its own lazy chunk: echarts is loaded only here.
 */
import { Alert, Card, Col, Empty, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth';
import { BOARD_STATUSES } from '../campaigns/campaign-api';
import { PageLoading } from '../layout/page-state';
import { useAsync } from '../lib/use-async';
import { type ChartOption, EChart } from './echart';
import { loadStatistics, type Statistics, stepAverages } from './statistics-api';
import './statistics.css';

const STATUS_COLORS: Record<string, string> = {
  not_started: '#bfbfbf',
  draft: '#13c2c2',
  in_review: '#1677ff',
  returned: '#fa8c16',
  approved: '#52c41a',
  rejected: '#f5222d',
};

/** Room for the category names: less on a phone, so the bars keep most of the width. */
const labelWidth = () => (window.innerWidth < 600 ? 110 : 180);

function completionOption(s: Statistics): ChartOption {
  const campaigns = [...s.campaigns].reverse();
  return {
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: campaigns.map((c) => c.title),
      axisLabel: { width: labelWidth(), overflow: 'truncate' },
    },
    series: BOARD_STATUSES.map((st) => ({
      type: 'bar' as const,
      name: st.label,
      stack: 'units',
      itemStyle: { color: STATUS_COLORS[st.status] },
      data: campaigns.map((c) => c.counts[st.key] ?? 0),
    })),
  };
}

function overdueOption(s: Statistics): ChartOption {
  const campaigns = s.campaigns.filter((c) => c.overdue > 0).reverse();
  return {
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: campaigns.map((c) => c.title),
      axisLabel: { width: labelWidth(), overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: '逾期单位数',
        itemStyle: { color: '#cf1322' },
        label: { show: true, position: 'right' },
        data: campaigns.map((c) => c.overdue),
      },
    ],
  };
}

function gradeOption(s: Statistics): ChartOption {
  const colors: Record<string, string> = { excellent: '#52c41a', good: '#1677ff', fair: '#faad14', poor: '#f5222d' };
  return {
    legend: { bottom: 0 },
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    series: [
      {
        type: 'pie',
        name: '自评等级',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b} {c}' },
        data: s.grades.map((g) => ({ name: g.label, value: g.count, itemStyle: { color: colors[g.grade] } })),
      },
    ],
  };
}

/** Hours in the unit that reads best: 分钟 under an hour, 天 beyond three days. */
export function timeUnit(maxHours: number): { name: string; per: number } {
  if (maxHours < 1) return { name: '分钟', per: 1 / 60 };
  if (maxHours > 72) return { name: '天', per: 24 };
  return { name: '小时', per: 1 };
}

function reviewTimeOption(s: Statistics): ChartOption {
  const steps = stepAverages(s.stepDurations);
  const unit = timeUnit(Math.max(0, ...steps.map((x) => x.hours)));
  return {
    grid: { left: 8, right: 48, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: unit.name, nameLocation: 'end', nameGap: 8 },
    yAxis: {
      type: 'category',
      data: steps.map((x) => x.name),
      axisLabel: { width: labelWidth(), overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: `平均用时（${unit.name}）`,
        itemStyle: { color: '#722ed1' },
        label: { show: true, position: 'right' },
        data: steps.map((x) => Math.round((x.hours / unit.per) * 10) / 10),
      },
    ],
  };
}

function ChartCard({
  title,
  empty,
  children,
  note,
}: {
  title: string;
  empty: boolean;
  children: React.ReactNode;
  note?: string;
}) {
  return (
    <Card size="small" title={title} className="chart-card">
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" /> : children}
      {note ? (
        <Typography.Paragraph type="secondary" className="chart-note">
          {note}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

export default function StatisticsPage() {
  const { me } = useAuth();
  const { data, error, loading } = useAsync(() => loadStatistics(), []);
  const options = useMemo(
    () =>
      data
        ? {
            completion: completionOption(data),
            overdue: overdueOption(data),
            grades: gradeOption(data),
            reviewTime: reviewTimeOption(data),
          }
        : null,
    [data],
  );
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!data || !options) return loading ? <PageLoading /> : null;
  const gradeTotal = data.grades.reduce((n, g) => n + g.count, 0);
  const overdueCampaigns = data.campaigns.filter((c) => c.overdue > 0).length;
  const stepCount = stepAverages(data.stepDurations).length;
  const rowHeight = (n: number) => Math.max(200, 60 + n * 34);
  return (
    <div className="statistics-page">
      <Typography.Title level={4}>统计分析</Typography.Title>
      <Typography.Paragraph type="secondary">
        {data.scope === 'unit' ? `${me?.unitName ?? '本单位'}的填报与审核情况。` : '全县各单位的填报与审核情况。'}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard title="各填报任务完成情况" empty={!data.campaigns.length}>
            <EChart label="各填报任务完成情况" option={options.completion} height={rowHeight(data.campaigns.length)} />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title="逾期单位"
            empty={!overdueCampaigns}
            note={`各任务中逾期（截止前未提交）的单位数，合计 ${data.overdueTotal} 个。`}
          >
            <EChart label="逾期单位" option={options.overdue} height={rowHeight(overdueCampaigns)} />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title="已通过自评的等级分布" empty={!gradeTotal}>
            <EChart label="已通过自评的等级分布" option={options.grades} />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title="各审核环节平均用时" empty={!stepCount} note="从收到待办到办理完成的平均用时。">
            <EChart label="各审核环节平均用时" option={options.reviewTime} height={rowHeight(stepCount)} />
          </ChartCard>
        </Col>
      </Row>
    </div>
  );
}
