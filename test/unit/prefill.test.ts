import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPrefill, PREFILL_SOURCES } from '../../functions/core/use-cases/submissions/prefill';

const profile = { user: { name: '刘芳', phone: '0797-3312345' }, unit: { name: '信丰县交通运输局', code: '118001' } };

describe('applyPrefill', () => {
  it('fills empty fields at their pointers, creating the objects on the way', () => {
    const out = applyPrefill(
      { fiscalYear: 2026 },
      {
        '/preparedBy': 'user.name',
        '/contactPhone': 'user.phone',
        '/dept/name': 'unit.name',
        '/dept/code': 'unit.code',
      },
      profile,
    );
    expect(out).toEqual({
      fiscalYear: 2026,
      preparedBy: '刘芳',
      contactPhone: '0797-3312345',
      dept: { name: '信丰县交通运输局', code: '118001' },
    });
  });

  it('never overwrites a value, leaves a field without a profile value alone and does not mutate the input', () => {
    const data = { preparedBy: '张三', contactPhone: '' };
    const out = applyPrefill(
      data,
      { '/preparedBy': 'user.name', '/contactPhone': 'user.phone', '/x/code': 'unit.code' },
      {
        user: { name: '刘芳' },
        unit: { name: '县交通运输局' },
      },
    );
    expect(out).toEqual({ preparedBy: '张三', contactPhone: '' });
    expect(data).toEqual({ preparedBy: '张三', contactPhone: '' });
  });
});

describe('the built-in forms', () => {
  const forms = readdirSync('forms', { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(`forms/${d.name}`).includes('form.json'))
    .map((d) => d.name);

  it.each(forms)('%s prefills 填报人, 联系电话 and the unit into string fields its schema declares', (id) => {
    const form = JSON.parse(readFileSync(`forms/${id}/form.json`, 'utf8'));
    const schema = JSON.parse(readFileSync(`forms/${id}/schema.json`, 'utf8'));
    const sources = Object.values(form.prefill ?? {});
    // A form nobody starts (the 财政评价报告, created by assignment) has no creator to prefill from.
    if (Array.isArray(form.creators) && form.creators.length === 0) {
      expect(form.prefill).toBeUndefined();
      return;
    }
    expect(sources).toEqual(expect.arrayContaining(['user.name', 'user.phone', 'unit.name']));
    for (const [pointer, source] of Object.entries(form.prefill as Record<string, string>)) {
      expect(PREFILL_SOURCES).toContain(source);
      let node = schema;
      for (const seg of pointer.split('/').slice(1)) node = node?.properties?.[seg];
      expect(node?.type, `${id} ${pointer}`).toBe('string');
    }
  });
});
