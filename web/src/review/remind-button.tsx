import { App, Button } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { submissionsApi } from '../api/submissions-api';

/** 催办: the submitting unit or 绩效评价服务股 reminds the units holding the open step (once an hour per step). */
export function RemindButton({ submissionId }: { submissionId: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const remind = async () => {
    setBusy(true);
    try {
      await submissionsApi.remind(submissionId);
      message.success('已催办当前办理单位');
    } catch (e) {
      message.warning(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" loading={busy} onClick={() => void remind()}>
      催办
    </Button>
  );
}
