import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
}

describe('architecture', () => {
  it('keeps functions/core pure: nothing from hono, the AWS SDK, aws-cdk-lib, node built-ins or the adapters', () => {
    const offenders = sources(join(root, 'functions/core')).flatMap((file) =>
      imports(file)
        .filter((spec) => /^(hono|@hono\/|@aws-sdk\/|aws-cdk-lib|constructs|node:|react)/.test(spec) || /\/(adapters|api|entry)\//.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps forms/lib runnable in the browser: no node built-ins and nothing from functions/ at run time', () => {
    const offenders = sources(join(root, 'forms/lib')).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return imports(file)
        .filter((spec) => spec.startsWith('node:') || /^(fs|path|crypto|hono|@aws-sdk\/)/.test(spec) || (spec.includes('functions/') && !new RegExp(`import type[^;]*['"]${spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`).test(text)))
        .map((spec) => `${relative(root, file)} imports ${spec}`);
    });
    expect(offenders).toEqual([]);
  });

  it('keeps every DynamoDB key format in keys.ts', () => {
    const offenders = sources(join(root, 'functions'))
      .filter((f) => !f.endsWith('keys.ts'))
      .filter((f) => /[`'"](SUB|TASK|UNIT|USER|FORM|CHAIN|IDEM|INBOX|DONE|VIEW|EV|VIS)#/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('never issues a Scan anywhere in functions/', () => {
    const offenders = sources(join(root, 'functions')).filter((f) => /\bScanCommand\b|["']Scan["']/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
