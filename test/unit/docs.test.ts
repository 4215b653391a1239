/**
 * The project's own docs stay true: docs/api.md matches the OpenAPI document, every file docs/ cites
 * exists, every relative link resolves, and every rule id of a form's logic.json is listed in docs/rules.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_DOCS_COMMAND, API_DOCS_PATH, renderApiDocs } from '../../scripts/api-docs';

const ROOT = join(__dirname, '../..');
const DOCS = join(ROOT, 'docs');
const docFiles = readdirSync(DOCS).filter((f) => f.endsWith('.md'));
const read = (path: string) => readFileSync(path, 'utf8');
/** True for a path that exists inside the repository (a link out of it would dangle in a fresh clone). */
const insideRepo = (path: string) => !relative(ROOT, path).startsWith('..') && existsSync(path);

/** Repository paths written in backticks, e.g. `forms/lib/rules.ts` (a trailing `#…` or `:line` is dropped). */
const PATH_RE = /`((?:functions|forms|web|infra|test|scripts|docs)\/[^`\s*<>]+?)(?:[#:][^`]*)?`/g;
/** Relative Markdown links, e.g. [domain.md](domain.md#terms). */
const LINK_RE = /\]\((?!https?:|mailto:|#)([^)\s#]+)(?:#[^)]*)?\)/g;

describe('docs/api.md', () => {
  it(`is what \`${API_DOCS_COMMAND}\` generates from the OpenAPI document`, () => {
    const current = existsSync(API_DOCS_PATH) ? read(API_DOCS_PATH) : '';
    expect(
      current === renderApiDocs(),
      `docs/api.md is out of date with the OpenAPI document (routes or body schemas changed): run \`${API_DOCS_COMMAND}\` and commit docs/api.md`,
    ).toBe(true);
  });
});

describe.each(docFiles)('docs/%s', (file) => {
  const text = read(join(DOCS, file));

  it('cites only files and folders that exist', () => {
    const cited = [...text.matchAll(PATH_RE)].map((m) => m[1].replace(/\/$/, ''));
    const missing = cited.filter((p) => !existsSync(join(ROOT, p)));
    expect(missing, `paths cited in docs/${file} that do not exist`).toEqual([]);
  });

  it('links only to files that exist inside the repository', () => {
    const targets = [...text.matchAll(LINK_RE)].map((m) => m[1]);
    const missing = targets.filter((t) => !insideRepo(join(DOCS, t)));
    expect(missing, `relative links in docs/${file} that do not resolve`).toEqual([]);
  });
});

describe('docs/rules.md', () => {
  const rules = read(join(DOCS, 'rules.md'));
  const formDirs = readdirSync(join(ROOT, 'forms'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'forms', d.name, 'logic.json')))
    .map((d) => d.name);

  it('cites at least one existing test file', () => {
    const tests = [...rules.matchAll(PATH_RE)].map((m) => m[1]).filter((p) => p.startsWith('test/'));
    expect(tests.length).toBeGreaterThan(5);
  });

  it('quotes test names that exist in the test file cited before them', () => {
    const cited = [...rules.matchAll(/`(test\/[^`]+)`((?:\s*"[^"]+"[;,]?)+)/g)];
    expect(cited.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const [, file, quotes] of cited) {
      const source = existsSync(join(ROOT, file)) ? read(join(ROOT, file)) : '';
      for (const [, title] of quotes.matchAll(/"([^"]+)"/g))
        for (const piece of title.split('…').map((p) => p.trim()))
          if (piece && !source.includes(piece)) missing.push(`${file}: "${piece}"`);
    }
    expect(missing, 'test names quoted in docs/rules.md that the cited file does not contain').toEqual([]);
  });

  it.each(formDirs)('lists every rule, gate and flag id of forms/%s/logic.json', (form) => {
    const logic = JSON.parse(read(join(ROOT, 'forms', form, 'logic.json'))) as Record<string, { id: string }[]>;
    const ids = ['rules', 'gates', 'flags'].flatMap((k) => (logic[k] ?? []).map((r) => r.id));
    expect(ids.length).toBeGreaterThan(0);
    const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const missing = ids.filter(
      (id) => !new RegExp(`(^|[^A-Za-z0-9-])${literal(id)}([^A-Za-z0-9-]|$)`, 'm').test(rules),
    );
    expect(missing, `rule ids of forms/${form}/logic.json missing from docs/rules.md`).toEqual([]);
  });
});

describe('README', () => {
  it('links to files that exist inside the repository', () => {
    const readme = read(join(ROOT, 'README.md'));
    const targets = [...readme.matchAll(LINK_RE)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((t) => !insideRepo(join(ROOT, t)))).toEqual([]);
  });
});
