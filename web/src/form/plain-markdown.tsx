import type { ReactNode } from 'react';

/**
 * Stand-in for `markdown-to-jsx/react` in the web build (web/vite.config.ts aliases it here).
 * Form definitions are admin-authored and untrusted, so markdown is switched off for every
 * description and help text (see sanitizeUiSchema); the few places where rjsf still reaches for
 * markdown (its own configuration-error and file-info messages) get the text as plain text.
 * This keeps ~85 KB of parser out of the form route.
 */
export function Markdown({ children }: { children?: ReactNode; options?: unknown }) {
  return <>{children}</>;
}

export default Markdown;
