/**
 * README "No ajv in the browser": ajv compiles validators with `new Function`, which the web app's CSP
 * forbids. Walks every module the web app imports (web/src and the forms/lib files it reaches) and
 * fails on ajv, its plugins, @rjsf/validator-ajv8, and anything under forms/lib/server (ajv, schema guard, chain schema).
 * Also README "Regular expressions on re2js on the server only": re2js and forms/lib/re2-regexp.ts stay out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const FORBIDDEN_PACKAGES = [
  /^ajv($|\/)/,
  /^ajv-formats($|\/)/,
  /^ajv-i18n($|\/)/,
  /^@rjsf\/validator-ajv8($|\/)/,
  /^re2js($|\/)/,
];
const FORBIDDEN_FILES = new Set(['forms/lib/re2-regexp.ts']);
const FORBIDDEN_DIR = 'forms/lib/server/';

function resolveFile(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  // `import type` is erased by the compiler: it bundles nothing.
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]/g))
    specs.push(m[1]);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) specs.push(m[1]);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  return specs;
}

describe('the web bundle', () => {
  it('never imports ajv (nor validator-ajv8, ajv-formats, ajv-i18n, forms/lib/server)', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    const queue = [join(ROOT, 'web', 'src', 'main.tsx')];
    while (queue.length) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const rel = relative(ROOT, file);
      if (FORBIDDEN_FILES.has(rel) || rel.startsWith(FORBIDDEN_DIR)) problems.push(rel);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = resolveFile(file, spec);
          if (target) queue.push(target);
        } else if (FORBIDDEN_PACKAGES.some((re) => re.test(spec))) {
          problems.push(`${rel} imports ${spec}`);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(40);
    expect([...seen].some((f) => relative(ROOT, f).startsWith('forms/lib/'))).toBe(true);
    expect(problems).toEqual([]);
  });
});
