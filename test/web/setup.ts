import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// antd reads matchMedia (responsive grid, Table) and ResizeObserver; happy-dom lacks or stubs them.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

// findBy… and waitFor give up after 1 s by default; on a loaded 2-core machine a render can take longer.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
});
