import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// The web app lives in web/, but imports the shared pure library from forms/lib (one level up).
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: [
      // Markdown is off for every admin-authored text (sanitizeUiSchema); rjsf's remaining uses get plain text.
      { find: /^markdown-to-jsx\/react$/, replacement: fileURLToPath(new URL('./src/form/plain-markdown.tsx', import.meta.url)) },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    chunkSizeWarningLimit: 900,
    // No inline <script>: the server's CSP only allows script-src 'self'.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What every page needs (React, router, antd core, the shell) in one chunk: lazy chunks that share
          // a few antd internals with it must not split it into many small files (each gzips worse).
          groups: [
            { name: 'app', tags: ['$initial'] },
            {
              name: 'lists',
              // Only the list widgets themselves: their shared dependencies (icons, form helpers) stay where the
              // pages that use them load them, so the sign-in page does not load the lists chunk.
              includeDependenciesRecursively: false,
              test: /[\\/]node_modules[\\/](antd[\\/]es[\\/](checkbox|radio|pagination|empty)[\\/]|@rc-component[\\/](checkbox|pagination)[\\/]|@ant-design[\\/]icons(-svg)?[\\/]es[\\/](asn|icons)[\\/]Double)/,
            },
          ],
        },
      },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
