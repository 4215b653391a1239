import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { downloadFile } from './download';

/** 导出Excel: downloads an .xlsx the API builds (same visibility as the page it sits on). */
export function ExcelButton({
  path,
  fileName,
  label = '导出Excel',
  ...button
}: { path: string; fileName: string; label?: string } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(path, fileName);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button {...button} loading={busy} onClick={() => void run()}>
      {label}
    </Button>
  );
}
