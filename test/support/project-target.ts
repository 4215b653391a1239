import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The valid project-target example the API journey test uses (a fresh copy each call). */
export function projectTargetExample(): Record<string, unknown> {
  const file = join(
    import.meta.dirname,
    '..',
    '..',
    'forms',
    'project-target',
    'examples',
    'valid-rural-road-maintenance.json',
  );
  return JSON.parse(readFileSync(file, 'utf8')).data;
}

/** The example with its annual indicator table repeated to `rows` rows, each with its own id and name. */
export function projectTargetWithRows(rows: number): Record<string, unknown> {
  const data = projectTargetExample();
  const base = data.annualIndicators as Record<string, unknown>[];
  data.annualIndicators = Array.from({ length: rows }, (_, i) => ({
    ...base[i % base.length],
    indicatorId: `T${i + 1}`,
    name: `${String(base[i % base.length].name).slice(0, 40)}（${i + 1}）`,
  }));
  return data;
}
