/** 调整填报任务: extend the deadline, add units, change the notice (each change is recorded by the server). */
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fieldProblem } from '../admin/editing';
import { type SaveProblem, toProblem } from '../admin/server-errors';
import { useUnits } from '../lib/reference-data';
import { type Campaign, type CampaignChange, campaignApi } from './campaign-api';
import { type OrgUnit, type PickMode, UnitPicker } from './unit-picker';

export function EditCampaignModal({
  campaign,
  open,
  onClose,
  onSaved,
}: {
  campaign: Campaign;
  open: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const { message } = App.useApp();
  const units = useUnits() as OrgUnit[];
  const [dueDate, setDueDate] = useState<Dayjs | null>(dayjs(campaign.dueDate));
  const [notice, setNotice] = useState(campaign.notice ?? '');
  const [pick, setPick] = useState<PickMode>('manual');
  const [added, setAdded] = useState<string[]>([]);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const change: CampaignChange = {};
    const due = dueDate?.format('YYYY-MM-DD');
    if (due && due !== campaign.dueDate) change.dueDate = due;
    if (added.length) change.addUnitIds = added;
    if (notice.trim() !== (campaign.notice ?? '')) change.notice = notice.trim();
    if (!Object.keys(change).length) {
      onClose();
      return;
    }
    if (campaign.version !== undefined) change.version = campaign.version;
    setBusy(true);
    setProblem(null);
    try {
      await campaignApi.update(campaign.id, change);
      message.success('任务已调整');
      onSaved();
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="调整任务"
      okText="保存"
      cancelText="取消"
      width={720}
      onOk={() => void save()}
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem.message} style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical">
        <Form.Item label="截止日期" extra="只能延后，不能提前。" {...fieldProblem(problem, 'dueDate')}>
          <DatePicker
            aria-label="新的截止日期"
            value={dueDate}
            onChange={setDueDate}
            disabledDate={(d) => d.format('YYYY-MM-DD') < campaign.dueDate}
          />
        </Form.Item>
        <Form.Item label="通知内容" {...fieldProblem(problem, 'notice')}>
          <Input.TextArea rows={3} maxLength={2000} value={notice} onChange={(e) => setNotice(e.target.value)} />
        </Form.Item>
        <Form.Item label="增加单位" {...fieldProblem(problem, 'addUnitIds')}>
          <Typography.Paragraph type="secondary">已纳入的单位不能移除，勾选框已锁定。</Typography.Paragraph>
          <UnitPicker
            units={units}
            mode={pick}
            onMode={setPick}
            value={added}
            onChange={setAdded}
            fixed={campaign.units.map((u) => u.unitId)}
            modes={['byManager', 'manual']}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
