import { Button, Modal, Space } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { downloadFile } from '../lib/download';
import { type AttachmentMeta, fetchAttachmentBlob, formatSize, getAttachment, previewable } from './attachment-api';
import './attachments.css';

/** Loads the metadata of each id (missing or foreign ids show as unavailable). */
export function useAttachmentMeta(ids: string[]): Record<string, AttachmentMeta | 'missing'> {
  const [meta, setMeta] = useState<Record<string, AttachmentMeta | 'missing'>>({});
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    for (const id of key ? key.split(',') : []) {
      getAttachment(id).then(
        (m) => live && setMeta((old) => ({ ...old, [id]: m })),
        () => live && setMeta((old) => ({ ...old, [id]: 'missing' })),
      );
    }
    return () => {
      live = false;
    };
  }, [key]);
  return meta;
}

/** Opens a PDF or an image in the browser from a blob URL (the page's CSP admits blob: frames and images). */
export function PreviewModal({ meta, onClose }: { meta: AttachmentMeta | null; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!meta) return;
    let made: string | null = null;
    setError(null);
    fetchAttachmentBlob(meta.id).then(
      (blob) => {
        made = URL.createObjectURL(new Blob([blob], { type: meta.contentType }));
        setUrl(made);
      },
      (e) => setError(errorMessage(e)),
    );
    return () => {
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [meta]);
  return (
    <Modal open={Boolean(meta)} title={meta?.name} onCancel={onClose} footer={null} width="min(960px, 96vw)">
      {error ? <p role="alert">{error}</p> : null}
      {url && meta?.contentType === 'application/pdf' ? (
        <iframe className="att-preview-frame" src={url} title={`预览：${meta.name}`} />
      ) : null}
      {url && meta && meta.contentType !== 'application/pdf' ? (
        <img className="att-preview-image" src={url} alt={`预览：${meta.name}`} />
      ) : null}
    </Modal>
  );
}

export interface AttachmentListProps {
  ids: string[];
  /** Removing is offered for files not yet pinned by a submission. */
  onRemove?: (id: string) => void;
  meta: Record<string, AttachmentMeta | 'missing'>;
}

/** Name, size, sha256 prefix; 预览 (PDF, images) and 下载 for everyone who may see the file. */
export function AttachmentList({ ids, onRemove, meta }: AttachmentListProps) {
  const [preview, setPreview] = useState<AttachmentMeta | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!ids.length) return null;
  return (
    <>
      <ul className="att-list">
        {ids.map((id) => {
          const m = meta[id];
          if (m === 'missing') {
            return (
              <li key={id} className="att-item att-missing">
                <span className="att-name">文件不存在或无权查看</span>
                {onRemove ? (
                  <Button size="small" onClick={() => onRemove(id)}>
                    移除
                  </Button>
                ) : null}
              </li>
            );
          }
          if (!m)
            return (
              <li key={id} className="att-item">
                正在读取文件信息…
              </li>
            );
          return (
            <li key={id} className="att-item">
              <span className="att-name">{m.name}</span>
              <span className="att-meta">
                {formatSize(m.size)}
                {m.sha256 ? ` · SHA-256 ${m.sha256.slice(0, 12)}` : ''}
                {m.pinnedRound ? ` · 第${m.pinnedRound}次提交` : ''}
              </span>
              <Space size={4} className="att-actions" wrap>
                {previewable(m) ? (
                  <Button size="small" onClick={() => setPreview(m)}>
                    预览
                  </Button>
                ) : null}
                <Button
                  size="small"
                  onClick={() =>
                    downloadFile(`/api/attachments/${encodeURIComponent(id)}/content`, m.name).catch((e) =>
                      setError(errorMessage(e)),
                    )
                  }
                >
                  下载
                </Button>
                {onRemove && !m.pinnedAt ? (
                  <Button size="small" danger onClick={() => onRemove(id)}>
                    删除
                  </Button>
                ) : null}
              </Space>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p className="att-error" role="alert">
          {error}
        </p>
      ) : null}
      <PreviewModal meta={preview} onClose={() => setPreview(null)} />
    </>
  );
}

/** The print: one line per file with name, size and the first 12 characters of its SHA-256. */
export function PrintedAttachments({ ids }: { ids: string[] }) {
  const meta = useAttachmentMeta(ids);
  return (
    <ul className="att-print">
      {ids.map((id) => {
        const m = meta[id];
        if (!m) return <li key={id}>…</li>;
        if (m === 'missing') return <li key={id}>文件不存在或无权查看</li>;
        return (
          <li key={id}>
            {m.name}（{formatSize(m.size)}，SHA-256 {m.sha256?.slice(0, 12) ?? '未完成'}）
          </li>
        );
      })}
    </ul>
  );
}
