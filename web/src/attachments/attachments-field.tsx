import type { FieldProps, RJSFSchema } from '@rjsf/utils';
import { Button } from 'antd';
import { useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import { ACCEPT, uploadAttachment } from './attachment-api';
import { AttachmentList, useAttachmentMeta } from './attachment-list';

/**
 * rjsf custom field (label, errors and help come from the field template) `"ui:field": "attachments"`: an array of attachment ids. Upload with progress, the list
 * with 预览/下载, 删除 while a file is not yet pinned by a submission (a returned form keeps its earlier files).
 */
export function AttachmentsField(props: FieldProps) {
  const { schema, uiSchema, formData, onChange, fieldPathId, readonly, disabled, name } = props;
  // rjsf fills an array's minItems with empty items on a blank form: only real ids count (and are written back).
  const ids = Array.isArray(formData) ? formData.filter((x): x is string => typeof x === 'string' && x !== '') : [];
  const meta = useAttachmentMeta(ids);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = `${fieldPathId.$id}_file`;
  const path = fieldPathId.path;
  const max = (schema as RJSFSchema).maxItems ?? 10;
  const editable = !readonly && !disabled;
  const title = (uiSchema?.['ui:title'] as string | undefined) ?? (schema as RJSFSchema).title ?? name;

  async function pick(files: FileList | null) {
    const file = files?.[0];
    if (input.current) input.current.value = '';
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const uploaded = await uploadAttachment(file, setProgress);
      onChange([...ids, uploaded.id], path);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="att-field" id={fieldPathId.$id}>
      <div className="att-title">{title}</div>
      <AttachmentList
        ids={ids}
        meta={meta}
        onRemove={
          editable
            ? (id) =>
                onChange(
                  ids.filter((x) => x !== id),
                  path,
                )
            : undefined
        }
      />
      {editable && ids.length < max ? (
        <div className="att-upload">
          <input
            ref={input}
            id={inputId}
            type="file"
            accept={ACCEPT}
            className="att-input"
            aria-label={`上传${title}`}
            onChange={(e) => void pick(e.target.files)}
            disabled={progress !== null}
          />
          <Button onClick={() => input.current?.click()} disabled={progress !== null}>
            {ids.length ? '继续上传' : '上传文件'}
          </Button>
          {progress !== null ? <UploadProgress percent={progress} /> : null}
        </div>
      ) : null}
      {ids.length === 0 && !editable ? <p className="att-empty">未上传</p> : null}
      {error ? (
        <p className="att-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The upload's progress as a thin bar and its percentage, drawn like antd's small line Progress. */
function UploadProgress({ percent }: { percent: number }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div
      className="att-progress"
      role="progressbar"
      aria-label="上传进度"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
    >
      <span className="att-progress-rail">
        <span className="att-progress-bar" style={{ width: `${value}%` }} />
      </span>
      <span className="att-progress-text">{value}%</span>
    </div>
  );
}
