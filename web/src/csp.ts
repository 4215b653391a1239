/**
 * The server replaces __CSP_NONCE__ in index.html per request and allows only styles carrying that
 * nonce; antd's CSS-in-JS adds it to every <style> it injects when given `csp={{ nonce }}`.
 */
export function readCspNonce(doc: Document = document): string | undefined {
  const content = doc.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
  if (!content || content === '__CSP_NONCE__') return undefined;
  return content;
}

/**
 * Some antd internals (scroll-bar measuring, scroll locking) inject <style> elements without
 * passing the nonce; give every <style> the page creates the nonce so the CSP admits it.
 */
export function installStyleNonce(nonce: string | undefined, doc: Document = document): void {
  if (!nonce) return;
  const create = doc.createElement.bind(doc) as (tag: string, options?: ElementCreationOptions) => HTMLElement;
  doc.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const el = create(tag, options);
    if (tag.toLowerCase() === 'style') el.setAttribute('nonce', nonce);
    return el;
  }) as Document['createElement'];
}
