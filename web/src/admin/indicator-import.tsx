/**
 * 指标库 import from the template workbook: download the template, upload the filled workbook, and on a
 * refusal show every bad row with its Chinese message (nothing is stored when any row is bad).
 */
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api, errorMessage } from '../api/client';
import type { FieldError } from '../api/types';
import { downloadFile } from '../lib/download';

export const INDICATOR_IMPORT = {
  template: '/api/admin/indicators/template.xlsx',
  upload: '/api/admin/indicators/import',
};

/** The file's bytes as base64 (the API takes JSON only: the workbook travels inside it). */
export async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface RowProblem {
  key: string;
  row: number | null;
  message: string;
}

/** A detail of the refusal as a table row: the sheet row number from its path (the message names the column). */
export function toRowProblems(details: FieldError[]): RowProblem[] {
  return details.map((d, i) => {
    const m = /^\/?rows\/(\d+)(?:\/.+)?$/.exec(d.path ?? '');
    return {
      key: `${i}`,
      row: m ? Number(m[1]) : null,
      message: d.message,
    };
  });
}

export function IndicatorImport({ onImported }: { onImported(): void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<'template' | 'upload' | null>(null);
  const [failure, setFailure] = useState<{ message: string; rows: RowProblem[] } | null>(null);

  const template = async () => {
    setBusy('template');
    try {
      await downloadFile(INDICATOR_IMPORT.template, '指标库导入模板.xlsx');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File) => {
    setBusy('upload');
    setFailure(null);
    try {
      const result = await api<{ created: number }>('POST', INDICATOR_IMPORT.upload, {
        workbook: await toBase64(file),
      });
      message.success(`已导入 ${result.created} 条指标`);
      setOpen(false);
      onImported();
    } catch (e) {
      setFailure({
        message: errorMessage(e),
        rows: e instanceof ApiError ? toRowProblems(e.details) : [],
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>从Excel导入</Button>
      <Modal
        open={open}
        title="从Excel导入指标"
        footer={null}
        width={720}
        onCancel={() => {
          setOpen(false);
          setFailure(null);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          先下载模板，按模板的列填写（一行一个指标），再上传。任何一行有误时整份文件都不会导入，请按提示修改后重新上传。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Button loading={busy === 'template'} onClick={() => void template()}>
            下载模板
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button type="primary" loading={busy === 'upload'}>
              上传并导入
            </Button>
          </Upload>
        </Space>
        {failure ? (
          <>
            <Alert type="error" showIcon title={failure.message} style={{ marginBottom: 8 }} />
            {failure.rows.length ? (
              <Table<RowProblem>
                scroll={{ x: 'max-content' }}
                size="small"
                rowKey="key"
                className="import-problems"
                dataSource={failure.rows}
                pagination={failure.rows.length > 10 ? { pageSize: 10 } : false}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            ) : null}
          </>
        ) : null}
      </Modal>
    </>
  );
}
