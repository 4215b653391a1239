/** 发布填报任务: form, title, year, deadline (a date or N working days), notice, units. */
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fieldProblem } from '../admin/editing';
import { type SaveProblem, toProblem } from '../admin/server-errors';
import { api, query } from '../api/client';
import { useAuth } from '../auth';
import { useForms, useUnits } from '../lib/reference-data';
import { campaignApi, canManageCampaigns } from './campaign-api';
import { type OrgUnit, type PickMode, UnitPicker } from './unit-picker';
import './campaigns.css';

type DueMode = 'date' | 'workingDays';

/** The date N working days after today (PRC calendar with 调休), as the server computes it. */
function useWorkingDayDue(days: number | null): { date: string | null; outside: boolean; error: string | null } {
  const [state, setState] = useState<{ date: string | null; outside: boolean; error: string | null }>({
    date: null,
    outside: false,
    error: null,
  });
  useEffect(() => {
    if (!days) {
      setState({ date: null, outside: false, error: null });
      return;
    }
    let live = true;
    api<{ dueAt: string; outsideKnownYears: boolean }>(
      'GET',
      `/api/calendar/due-date${query({ start: dayjs().format('YYYY-MM-DD'), days })}`,
    )
      .then(
        (r) =>
          live && setState({ date: dayjs(r.dueAt).format('YYYY-MM-DD'), outside: r.outsideKnownYears, error: null }),
      )
      .catch((e) => live && setState({ date: null, outside: false, error: toProblem(e).message }));
    return () => {
      live = false;
    };
  }, [days]);
  return state;
}

export default function IssueCampaignPage() {
  const { me } = useAuth();
  const navigate = useNavigate();
  const forms = useForms();
  const units = useUnits() as OrgUnit[];
  const [formId, setFormId] = useState<string | undefined>();
  const [title, setTitle] = useState('');
  const [year, setYear] = useState<number | null>(dayjs().year() - 1);
  const [dueMode, setDueMode] = useState<DueMode>('date');
  const [dueDate, setDueDate] = useState<Dayjs | null>(null);
  const [days, setDays] = useState<number | null>(15);
  const [notice, setNotice] = useState('');
  const [pick, setPick] = useState<PickMode>('all');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const working = useWorkingDayDue(dueMode === 'workingDays' ? days : null);

  if (!canManageCampaigns(me)) {
    return <Alert type="warning" showIcon title="只有绩效评价服务股、预算股和系统管理员可以发布填报任务" />;
  }

  const due = dueMode === 'date' ? (dueDate?.format('YYYY-MM-DD') ?? null) : working.date;
  const past = due !== null && due < dayjs().format('YYYY-MM-DD');

  const submit = async () => {
    const missing: { path: string; message: string }[] = [];
    if (!formId) missing.push({ path: '/formId', message: '请选择表单' });
    if (!title.trim()) missing.push({ path: '/title', message: '请填写任务名称' });
    if (!year) missing.push({ path: '/year', message: '请填写年度' });
    if (dueMode === 'date' ? !due : !days) missing.push({ path: '/dueDate', message: '请选择截止日期' });
    if (pick !== 'all' && !unitIds.length) missing.push({ path: '/unitIds', message: '请至少选择一个单位' });
    if (missing.length) {
      setProblem({ message: '请补全必填项', details: missing });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const created = await campaignApi.create({
        formId: formId as string,
        title: title.trim(),
        year: year as number,
        ...(dueMode === 'date' ? { dueDate: due as string } : { dueInWorkingDays: days as number }),
        ...(pick === 'all' ? {} : { unitIds }),
        ...(notice.trim() ? { notice: notice.trim() } : {}),
      });
      navigate(`/campaigns/${encodeURIComponent(created.id)}`);
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const formTitle = forms.find((f) => f.id === formId)?.title;
  return (
    <div className="issue-campaign">
      <Typography.Title level={4}>发布填报任务</Typography.Title>
      <Typography.Paragraph type="secondary">
        任务发布后，所选单位的工作台会出现该任务，单位从「开始填报」进入填写；逾期以系统时间对照截止日期判断。
      </Typography.Paragraph>
      {problem ? <Alert type="error" showIcon title={problem.message} style={{ marginBottom: 12 }} /> : null}
      <Card size="small">
        {/* No <form>: Enter in a field (e.g. the date picker) must not issue the campaign. */}
        <Form layout="vertical" component={false}>
          <div style={{ maxWidth: 720 }}>
            <Form.Item label="表单" required {...fieldProblem(problem, 'formId')}>
              <Select
                aria-label="表单"
                placeholder="选择要填报的表单"
                showSearch
                optionFilterProp="label"
                // Every built-in form in the list (no virtual scrolling): a short list, found by eye or by typing.
                virtual={false}
                value={formId}
                onChange={(v) => {
                  setFormId(v);
                  const f = forms.find((x) => x.id === v);
                  if (f && !title.trim() && year) setTitle(`${year}年度${f.title.replace(/表$/, '')}`);
                }}
                options={forms.map((f) => ({ value: f.id, label: f.title }))}
              />
            </Form.Item>
            <Form.Item label="任务名称" required {...fieldProblem(problem, 'title')}>
              <Input
                aria-label="任务名称"
                maxLength={100}
                value={title}
                placeholder={formTitle ? `如：${year ?? ''}年度${formTitle}` : '如：2025年度项目支出绩效自评'}
                onChange={(e) => setTitle(e.target.value)}
              />
            </Form.Item>
            <Form.Item label="年度" required {...fieldProblem(problem, 'year')}>
              <InputNumber aria-label="年度" min={2000} max={2100} precision={0} value={year} onChange={setYear} />
            </Form.Item>
            <Form.Item
              label="截止日期"
              required
              {...fieldProblem(problem, dueMode === 'date' ? 'dueDate' : 'dueInWorkingDays')}
            >
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Radio.Group
                  aria-label="截止方式"
                  value={dueMode}
                  onChange={(e) => setDueMode(e.target.value)}
                  options={[
                    { value: 'date', label: '指定日期' },
                    { value: 'workingDays', label: '发布后若干个工作日' },
                  ]}
                />
                {dueMode === 'date' ? (
                  <DatePicker aria-label="截止日期" value={dueDate} onChange={setDueDate} placeholder="选择日期" />
                ) : (
                  <Space wrap>
                    <InputNumber
                      aria-label="工作日天数"
                      min={1}
                      max={365}
                      precision={0}
                      value={days}
                      onChange={setDays}
                      suffix="个工作日"
                    />
                    <Typography.Text type={working.error ? 'danger' : 'secondary'}>
                      {working.error ?? (working.date ? `截止 ${working.date}（按法定节假日和调休计算）` : '')}
                    </Typography.Text>
                  </Space>
                )}
                {working.outside && dueMode === 'workingDays' ? (
                  <Typography.Text type="warning">截止日期超出已维护的节假日年度，请核对。</Typography.Text>
                ) : null}
                {past ? (
                  <Typography.Text type="warning">截止日期已过：尚未提交的单位将立即记为逾期。</Typography.Text>
                ) : null}
              </Space>
            </Form.Item>
            <Form.Item label="通知内容" {...fieldProblem(problem, 'notice')}>
              <Input.TextArea
                aria-label="通知内容"
                rows={4}
                maxLength={2000}
                showCount
                value={notice}
                onChange={(e) => setNotice(e.target.value)}
                placeholder="填报要求、依据文件、联系人等，将显示在各单位的工作台"
              />
            </Form.Item>
            <Form.Item label="下发单位" required {...fieldProblem(problem, 'unitIds')}>
              <UnitPicker units={units} mode={pick} onMode={setPick} value={unitIds} onChange={setUnitIds} />
            </Form.Item>
            <Space>
              <Button type="primary" loading={busy} onClick={() => void submit()}>
                发布任务
              </Button>
              <Link to="/campaigns">
                <Button>取消</Button>
              </Link>
            </Space>
          </div>
        </Form>
      </Card>
    </div>
  );
}
