import { ApiError, getToken, NetworkError } from '../api/client';
import type { FieldError } from '../api/types';

/** The file name from a Content-Disposition header (RFC 5987 `filename*` first). */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}

function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The server's Chinese error (with its field details) from a failed response. */
async function readError(response: Response): Promise<ApiError> {
  let message = `操作失败（${response.status}）`;
  let code = String(response.status);
  let details: FieldError[] = [];
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: FieldError[] } };
    message = body.error?.message ?? message;
    code = body.error?.code ?? code;
    details = Array.isArray(body.error?.details) ? body.error.details : [];
  } catch {
    // not JSON: keep the generic message
  }
  return new ApiError(response.status, code, message, details);
}

/**
 * Downloads a file from the API with the caller's token (a plain link cannot carry it): fetch, then save
 * the bytes through a temporary object URL. Errors come back as ApiError / NetworkError with the server's
 * Chinese message.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { headers: authHeaders() });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw await readError(response);
  const blob = await response.blob();
  const name = dispositionName(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
