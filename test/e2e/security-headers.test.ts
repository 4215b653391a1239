import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './browser';

const baseUrl = inject('baseUrl');

describe('security headers and CSP of the web app, in Chromium', () => {
  const browser = useBrowser({ timeoutMs: 20_000 });

  it('serves the app with a CSP that has no unsafe-inline scripts, a per-response style nonce and the usual headers', async () => {
    const first = await browser.page.goto(`${baseUrl}/login`);
    const headers = first?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options']).toBe('DENY');
    const second = await browser.page.goto(`${baseUrl}/login`);
    expect(/'nonce-([^']+)'/.exec(second?.headers()['content-security-policy'] ?? '')?.[1]).not.toBe(nonce);
    await browser.page.getByText('登录').first().waitFor();
  });

  it('blocks an injected inline script: it never runs and Chromium reports the violation', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/login`);
    const violations = await page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 200));
      return { seen, ran: (window as unknown as { __injected?: boolean }).__injected === true };
    });
    expect(violations.ran).toBe(false);
    expect(violations.seen.some((d) => d.startsWith('script-src'))).toBe(true);
  });

  it('answers API requests with nosniff, no-store and no framing', async () => {
    const res = await fetch(`${baseUrl}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
