import { ApiError, api, getToken, NetworkError } from '../api/client';

export interface AttachmentMeta {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string | null;
  status: 'pending' | 'complete';
  pinnedAt: string | null;
  pinnedRound: number | null;
}

interface UploadTarget {
  method: 'PUT' | 'POST';
  url: string;
  headers?: Record<string, string>;
  fields?: Record<string, string>;
}

export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.ofd';

/** 1.2 MB, 340 KB, 12 B. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export const getAttachment = (id: string) => api<AttachmentMeta>('GET', `/api/attachments/${encodeURIComponent(id)}`);

/** Sends the bytes as the server said (a PUT here, or a presigned POST form to S3), reporting progress 0–100. */
function send(target: UploadTarget, file: File, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    for (const [k, v] of Object.entries(target.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let message = `上传失败（${xhr.status}）`;
      let code = String(xhr.status);
      try {
        const body = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string } };
        message = body.error?.message ?? message;
        code = body.error?.code ?? code;
      } catch {
        // S3 answers XML: keep the generic message
      }
      reject(new ApiError(xhr.status, code, message));
    };
    xhr.onerror = () => reject(new NetworkError());
    if (target.method === 'POST') {
      const form = new FormData();
      for (const [k, v] of Object.entries(target.fields ?? {})) form.append(k, v);
      form.append('file', file);
      xhr.send(form);
    } else {
      xhr.send(file);
    }
  });
}

/** Create → send the bytes → complete (the server checks the type from the content, the size and the hash). */
export async function uploadAttachment(file: File, onProgress: (percent: number) => void): Promise<AttachmentMeta> {
  const created = await api<{ id: string; upload: UploadTarget }>('POST', '/api/attachments', {
    name: file.name,
    size: file.size,
    contentType: file.type,
  });
  await send(created.upload, file, onProgress);
  await api('POST', `/api/attachments/${created.id}/complete`);
  return getAttachment(created.id);
}

/** The bytes as a blob (a plain link cannot carry the token); S3 answers through a redirect. */
export async function fetchAttachmentBlob(id: string): Promise<Blob> {
  const token = getToken();
  let response: Response;
  try {
    response = await fetch(`/api/attachments/${encodeURIComponent(id)}/content`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw new ApiError(response.status, String(response.status), '文件不存在或无权查看');
  return response.blob();
}

export const previewable = (meta: AttachmentMeta) =>
  meta.contentType === 'application/pdf' || meta.contentType === 'image/png' || meta.contentType === 'image/jpeg';
