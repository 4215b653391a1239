import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { adminApi } from '../../web/src/admin/admin-api';
import { mapServerErrors } from '../../web/src/admin/design-errors';
import {
  buildDefinition,
  checkDesign,
  type DesignField,
  fieldPath,
  keptBlocks,
  keyFromLabel,
  newUid,
} from '../../web/src/admin/design-model';
import { parseDefinition } from '../../web/src/admin/design-parse';
import { FormDesignerPage } from '../../web/src/admin/form-designer-page';
import { renderWithAntd } from './render';

const field = (f: Partial<DesignField> & Pick<DesignField, 'type' | 'key'>): DesignField => ({
  uid: newUid(),
  label: f.key,
  ...f,
});

/** What the designer keeps of a field across build → parse (uids are new each time). */
const shape = (fields: DesignField[]) =>
  fields.map(({ uid: _u, columns, ...rest }) => ({
    ...rest,
    ...(columns ? { columns: columns.map(({ uid: _c, ...c }) => c) } : {}),
  }));

describe('design model: keys', () => {
  it('makes an ASCII camelCase key from known words, numbered when taken, `field…` when nothing is left', () => {
    expect(keyFromLabel('项目名称')).toMatch(/^[a-z][A-Za-z0-9]*$/);
    const first = keyFromLabel('项目名称');
    expect(keyFromLabel('项目名称', new Set([first]))).toBe(`${first}2`);
    expect(keyFromLabel('某某某')).toBe('field');
    expect(keyFromLabel('2026 plan')).toBe('field2026Plan');
  });
});

describe('design model: build and parse', () => {
  it('a definition built from fields reads back as the same fields (sections, tables, choices, computed)', () => {
    const fields: DesignField[] = [
      field({ type: 'text', key: 'projectName', label: '项目名称', required: true, maxLength: 50, help: '全称' }),
      field({ type: 'money', key: 'budget', label: '预算' }),
      field({
        type: 'choice',
        key: 'kind',
        label: '类型',
        options: [
          { value: 'a', label: '甲' },
          { value: 'b', label: '乙' },
        ],
      }),
      field({ type: 'section', key: 'funds', label: '资金' }),
      field({ type: 'number', key: 'own', label: '自有', min: 0 }),
      field({ type: 'number', key: 'total', label: '合计', expr: 'own * 2' }),
      field({
        type: 'table',
        key: 'rows',
        label: '明细',
        columns: [field({ type: 'text', key: 'item', label: '事项', required: true })],
      }),
    ];
    const def = buildDefinition(fields);
    expect(def.logic).toEqual({ computed: [{ path: '/funds/total', expr: 'own * 2' }] });
    expect((def.schema.required as string[]) ?? []).toContain('projectName');
    expect(shape(parseDefinition(def.schema, def.uiSchema, def.logic))).toEqual(shape(fields));
  });

  it('keeps a table’s own field (the scope import of the 财政重点监控报告) when the form is saved again', () => {
    const read = (file: string) =>
      JSON.parse(readFileSync(join(process.cwd(), 'forms/key-monitoring-report', file), 'utf8'));
    const def = buildDefinition(parseDefinition(read('schema.json'), read('ui.json'), {}));
    expect((def.uiSchema.scope as Record<string, unknown>)['ui:field']).toBe('monitoringScope');
    expect((def.uiSchema.problems as Record<string, unknown>)['ui:field']).toBeUndefined();
  });

  it('keeps the rest of the logic (rules, settings) when it rebuilds the computed fields', () => {
    const base = {
      rules: [{ id: 'r1', path: '/a', expr: 'true', message: 'x' }],
      computed: [{ path: '/old', expr: '1' }],
    };
    const def = buildDefinition([field({ type: 'text', key: 'a' })], base);
    expect(def.logic).toEqual({ rules: base.rules });
  });

  it('fieldPath names a field inside its section, and null for an unknown uid', () => {
    const fields = [field({ type: 'section', key: 's' }), field({ type: 'text', key: 't' })];
    expect(fieldPath(fields, fields[1].uid)).toBe('/s/t');
    expect(fieldPath(fields, 'nope')).toBeNull();
  });
});

describe('design model: problems before saving', () => {
  it('names each field that cannot be saved, by uid', () => {
    const fields = [
      field({ type: 'text', key: 'a', label: '甲' }),
      field({ type: 'text', key: 'a', label: '乙' }),
      field({ type: 'text', key: '9x', label: '丙' }),
      field({ type: 'text', key: 'b', label: ' ' }),
      field({ type: 'choice', key: 'c', label: '丁', options: [] }),
      field({ type: 'table', key: 'd', label: '戊', columns: [] }),
      field({ type: 'text', key: 'e', label: '<b>' }),
    ];
    const problems = checkDesign(fields);
    expect(Object.values(problems)).toEqual([
      '字段键「a」重复',
      '字段键须为字母开头的英文字母、数字或下划线',
      '请填写标题',
      '选项字段至少需要一个选项',
      '表格至少需要一列',
      '标题不能包含 < >',
    ]);
    expect(problems[fields[0].uid]).toBeUndefined();
  });

  it('the same key in two sections is not a duplicate', () => {
    const fields = [
      field({ type: 'section', key: 's1' }),
      field({ type: 'text', key: 'a' }),
      field({ type: 'section', key: 's2' }),
      field({ type: 'text', key: 'a' }),
    ];
    expect(checkDesign(fields)).toEqual({});
  });
});

describe('design model: server answers on their fields', () => {
  it('puts a schema or computed-field error on its field and the rest in the general list', () => {
    const fields = [
      field({ type: 'text', key: 'a' }),
      field({ type: 'section', key: 's' }),
      field({ type: 'number', key: 'b', expr: '1' }),
    ];
    const mapped = mapServerErrors(
      {
        message: '未通过',
        details: [
          { path: '/schema/properties/a/maxLength', message: '太长' },
          { path: '/schema/properties/s/properties/b', message: '不对' },
          { path: '/logic/computed/0/expr', message: '公式错' },
          { path: '/chainId', message: '审核链不存在' },
        ],
      },
      fields,
    );
    expect(mapped.byUid[fields[0].uid]).toEqual(['太长']);
    expect(mapped.byUid[fields[2].uid]).toEqual(['不对', '公式错']);
    expect(mapped.general).toEqual(['/chainId：审核链不存在']);
  });
});

describe('design model: blocks the designer does not edit', () => {
  it('keeps prefill, source, creators (an empty list too) and subjectCodePath; drops what is absent or empty', () => {
    const source = { forms: ['project-target'], refPath: '/ref' };
    expect(
      keptBlocks({ prefill: { '/a': 'user.name' }, source, creators: [], subjectCodePath: '/unit/code', title: 'x' }),
    ).toEqual({ prefill: { '/a': 'user.name' }, source, creators: [], subjectCodePath: '/unit/code' });
    expect(keptBlocks({ prefill: {}, source: null, creators: null, subjectCodePath: null })).toEqual({});
  });
});

describe('form designer: re-saving a built-in linked form', () => {
  const form = JSON.parse(readFileSync(join(process.cwd(), 'forms/project-self-eval/form.json'), 'utf8'));

  beforeEach(() => {
    vi.restoreAllMocks();
    vi.spyOn(adminApi, 'chains').mockResolvedValue([{ id: form.chainId, title: '链', latestVersion: 1 }] as never);
    vi.spyOn(adminApi, 'indicators').mockResolvedValue([]);
    vi.spyOn(adminApi, 'versions').mockResolvedValue({ latestVersion: 1 } as never);
    vi.spyOn(adminApi, 'formVersion').mockResolvedValue({
      id: form.id,
      version: 1,
      title: form.title,
      family: null,
      status: 'published',
      // A small schema keeps the preview quick; the blocks are the built-in form's own.
      schema: { type: 'object', properties: { fiscalYear: { type: 'integer', title: '年度' } } },
      uiSchema: {},
      logic: {},
      chainId: form.chainId,
      chainVersion: 1,
      prefill: form.prefill,
      source: form.source,
      creators: null,
      subjectCodePath: null,
    } as never);
  });

  it('sends the form’s source and prefill blocks unchanged with the new version', async () => {
    const saveForm = vi.spyOn(adminApi, 'saveForm').mockResolvedValue({ id: form.id, version: 2, status: 'draft' });
    renderWithAntd(
      <MemoryRouter initialEntries={[`/admin/forms/${form.id}/design`]}>
        <Routes>
          <Route path="/admin/forms/:formId/design" element={<FormDesignerPage />} />
        </Routes>
      </MemoryRouter>,
    );
    await waitFor(() => expect((screen.getByLabelText('表单名称') as HTMLInputElement).value).toBe(form.title));
    fireEvent.click(screen.getByRole('button', { name: '保存为新版本' }));
    await waitFor(() => expect(saveForm).toHaveBeenCalledTimes(1));
    const body = saveForm.mock.calls[0][0];
    expect(body.source).toEqual(form.source);
    expect(body.prefill).toEqual(form.prefill);
    expect(body).not.toHaveProperty('creators');
  }, 120_000);
});
