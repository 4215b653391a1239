import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
}

/** Where an import leads: a repository-relative path for relative specifiers, else the package name. */
function target(file: string, spec: string): { local: string } | { pkg: string } {
  if (!spec.startsWith('.')) return { pkg: spec };
  return {
    local: relative(root, join(dirname(file), spec))
      .split(sep)
      .join('/'),
  };
}

/**
 * Allow-list of dependencies per layer: every import of a file under `dir` must lead into one of the
 * `local` folders or be a package the layer may use. Anything else is an offender.
 */
function offenders(dir: string, local: RegExp, pkg: RegExp): string[] {
  return sources(join(root, dir)).flatMap((file) =>
    imports(file)
      .filter((spec) => {
        const t = target(file, spec);
        return 'local' in t ? !local.test(t.local) : !pkg.test(t.pkg);
      })
      .map((spec) => `${relative(root, file)} imports ${spec}`),
  );
}

describe('architecture: each layer imports only what its allow-list names', () => {
  it('functions/core imports only itself and forms/lib (no hono, AWS SDK, node built-ins, adapters, packages)', () => {
    expect(offenders('functions/core', /^(functions\/core|forms\/lib)\//, /^$/)).toEqual([]);
  });

  it('forms/lib imports only itself and the pure packages the browser may load (nothing from functions/ or web/)', () => {
    const pure = /^(jsonata|decimal\.js|re2js|ajv|ajv-formats)$/;
    // forms/calendar holds the holiday data the working-day calendar ships with.
    expect(offenders('forms/lib', /^forms\/(lib|calendar)\//, pure)).toEqual([]);
  });

  it('web imports nothing from functions/ or forms/lib/server, and no server packages', () => {
    const serverPackages = /^(node:|fs$|path$|crypto$|hono|@hono\/|@aws-sdk\/|aws-cdk-lib|constructs|ajv$|ajv-formats)/;
    const found = sources(join(root, 'web/src')).flatMap((file) =>
      imports(file)
        .filter((spec) => {
          const t = target(file, spec);
          if ('pkg' in t) return serverPackages.test(t.pkg);
          return !/^(web\/|forms\/lib\/)/.test(t.local) || /^forms\/lib\/server(\/|$)/.test(t.local);
        })
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(found).toEqual([]);
  });

  it('the allow-list check itself finds an upward import (it can fail)', () => {
    expect(target(join(root, 'forms/lib/x.ts'), '../../functions/core/model')).toEqual({
      local: 'functions/core/model',
    });
    expect(/^forms\/lib\//.test('functions/core/model')).toBe(false);
  });
});

describe('architecture: storage rules', () => {
  it('keeps every DynamoDB key format in keys.ts', () => {
    const offenders = sources(join(root, 'functions'))
      .filter((f) => !f.endsWith('keys.ts'))
      .filter((f) => /[`'"](SUB|TASK|UNIT|USER|FORM|CHAIN|IDEM|INBOX|DONE|VIEW|EV|VIS)#/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('never issues a Scan anywhere in functions/', () => {
    const offenders = sources(join(root, 'functions')).filter((f) =>
      /\bScanCommand\b|["']Scan["']/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
