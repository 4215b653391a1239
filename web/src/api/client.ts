import type { FieldError } from './types';

const TOKEN_KEY = 'jixiao.token';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldError[];
  constructor(status: number, code: string, message: string, details: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Thrown when the request never reached the server (offline, DNS, aborted connection). */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('网络连接失败，请检查网络后重试');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

export function getToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};

/** The app shell registers what happens when a token expires (back to 登录). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: '请求格式有误',
  401: '登录已过期，请重新登录',
  403: '没有权限执行此操作',
  404: '记录不存在或无权查看',
  409: '数据已被他人修改，请刷新后重试',
  413: '提交的内容过大',
  422: '填写内容未通过校验',
  429: '操作过于频繁，请稍后再试',
};

let refreshing: Promise<boolean> | null = null;

/**
 * In the cloud the sign-in token is short-lived and the refresh token sits in an httpOnly cookie on /api/auth:
 * one refresh at a time for every request that met the expiry; true when a new token was stored.
 * (With the local identity the server answers 204 and the user signs in again.)
 */
function refreshToken(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const r = await fetch('/api/auth/refresh', { method: 'POST', headers: { Accept: 'application/json' } });
      const token = r.status === 200 ? ((await r.json()) as { token?: string }).token : undefined;
      if (token) setToken(token);
      return Boolean(token);
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function send(method: string, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Calls the JSON API on the same origin; throws ApiError (server answered) or NetworkError. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await send(method, path, body);
    // An expired sign-in is renewed once from the refresh cookie, then the same request is sent again.
    if (response.status === 401 && !path.startsWith('/api/auth/') && getToken() && (await refreshToken())) {
      response = await send(method, path, body);
    }
  } catch (error) {
    throw new NetworkError(error);
  }
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: FieldError[] } } | null)?.error;
    if (response.status === 401 && !path.startsWith('/api/auth/')) {
      setToken(null);
      onUnauthorized();
    }
    if (response.status >= 500 && !err) throw new NetworkError(new Error(`HTTP ${response.status}`));
    throw new ApiError(
      response.status,
      err?.code ?? String(response.status),
      err?.message ?? STATUS_MESSAGES[response.status] ?? `服务器错误（${response.status}）`,
      Array.isArray(err?.details) ? err.details : [],
    );
  }
  return json as T;
}

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return error.message;
  return '操作失败，请稍后重试';
}
