import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** CSP for the web app: no inline scripts at all; styles only with the per-response nonce (antd CSS-in-JS). */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    // blob: previews of attachments (images, and PDFs in a frame) fetched with the user's token.
    "img-src 'self' data: blob:",
    'frame-src blob:',
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Serves web/dist on the same port as the API: hashed assets with long caching, index.html for every
 * other GET (SPA fallback) with a fresh CSP nonce. Paths are resolved inside dist only.
 */
export function createStaticWeb(distDir: string) {
  const root = resolve(distDir);
  const indexPath = join(root, 'index.html');
  return async (c: Context): Promise<Response> => {
    if (!existsSync(indexPath)) {
      return c.text('前端尚未构建：请运行 npm run build:web（npm start 会自动构建）。', 503);
    }
    const url = new URL(c.req.url);
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return c.text('Bad Request', 400);
    }
    // API paths are never the web app's: a JSON 404, not index.html, whatever host app mounts this handler.
    if (rel === '/api' || rel.startsWith('/api/')) {
      return c.json({ error: { code: 'NOT_FOUND', message: '接口不存在', details: [] } }, 404);
    }
    const file = normalize(join(root, rel));
    const inside = file === root || file.startsWith(root + sep);
    const headers: Record<string, string> = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    };
    if (inside && rel !== '/' && existsSync(file) && statSync(file).isFile() && !file.endsWith('index.html')) {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const cache = rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      return new Response(readFileSync(file), {
        headers: { ...headers, 'Content-Type': type, 'Cache-Control': cache },
      });
    }
    if (rel.startsWith('/assets/')) return c.text('Not Found', 404);
    const nonce = randomBytes(16).toString('base64');
    const html = readFileSync(indexPath, 'utf8').replaceAll('__CSP_NONCE__', nonce);
    return new Response(html, {
      headers: {
        ...headers,
        'Content-Type': TYPES['.html'],
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': contentSecurityPolicy(nonce),
      },
    });
  };
}
