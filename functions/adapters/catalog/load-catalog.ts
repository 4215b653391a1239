import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormExample } from '../../core/model';
import type { Catalog } from '../../core/use-cases/catalog/install-catalog';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** Reads the built-in forms, chains and organisation from the forms/ folder (see forms/FORMAT.md). */
export function loadCatalog(formsDir: string): Catalog {
  const chainsDir = join(formsDir, 'chains');
  const chains = existsSync(chainsDir)
    ? readdirSync(chainsDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => readJson(join(chainsDir, f)))
    : [];
  const forms = readdirSync(formsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(formsDir, d.name, 'form.json')))
    .map((d) => d.name)
    .sort()
    .map((id) => {
      const dir = join(formsDir, id);
      const meta = readJson(join(dir, 'form.json'));
      const exDir = join(dir, 'examples');
      const examples: FormExample[] = existsSync(exDir)
        ? readdirSync(exDir)
            .filter((f) => f.endsWith('.json'))
            .sort()
            .map((f) => readJson(join(exDir, f)))
            .filter((e) => e.valid !== false)
            .map((e) => ({ title: e.title, data: e.data, valid: true }))
        : [];
      return {
        id: meta.id ?? id,
        title: meta.title,
        family: meta.family,
        chainId: meta.chainId,
        schema: readJson(join(dir, 'schema.json')),
        uiSchema: existsSync(join(dir, 'ui.json')) ? readJson(join(dir, 'ui.json')) : {},
        logic: existsSync(join(dir, 'logic.json')) ? readJson(join(dir, 'logic.json')) : undefined,
        examples,
        ...(meta.prefill ? { prefill: meta.prefill } : {}),
        ...(meta.source ? { source: meta.source } : {}),
        ...(meta.creators ? { creators: meta.creators } : {}),
        ...(meta.subjectCodePath ? { subjectCodePath: meta.subjectCodePath } : {}),
      };
    });
  const org = join(formsDir, 'org');
  return {
    units: readJson(join(org, 'units.json')),
    settings: existsSync(join(org, 'settings.json')) ? readJson(join(org, 'settings.json')) : { fundTypeRouting: {} },
    users: readJson(join(org, 'users.json')),
    chains,
    forms,
    indicators: existsSync(join(formsDir, 'indicators', 'library.json'))
      ? readJson(join(formsDir, 'indicators', 'library.json')).indicators
      : [],
  };
}
