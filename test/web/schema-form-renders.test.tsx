/**
 * A keystroke in one field re-renders the Form.Items on the way to that field, not every Form.Item of the form.
 * antd's Form.Item gives what it holds a new context value each time it renders, which runs every Form.Item below
 * it again; the field template keeps an object's or an array's Form.Item from rendering for its fields' changes.
 * Counted through antd's ConfigContext: every Form.Item render asks it for the 'form' class prefix.
 */
import type { RJSFSchema } from '@rjsf/utils';
import { act, fireEvent } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import { type ReactNode, useContext, useMemo, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useFormContext } from '../../web/src/form/form-context';
import { toErrorSchema } from '../../web/src/form/rjsf-setup';
import { SchemaForm } from '../../web/src/form/schema-form';
import { CountingConfig, renderWithAntd } from './render';

const counted = { form: 0 };

const text = (title: string) => ({ type: 'string', title }) as const;
const group = (title: string, keys: string[]) => ({
  type: 'object',
  title,
  properties: Object.fromEntries(keys.map((k) => [k, text(k)])),
});
const schema = {
  type: 'object',
  properties: {
    fiscalYear: { type: 'integer', title: '年度' },
    projectName: text('项目名称'),
    unit: group('单位', ['code', 'name', 'leader']),
    funding: group('资金', ['fiscal', 'other', 'carryOver']),
    tasks: {
      type: 'array',
      title: '任务',
      description: '每项任务一行',
      items: group('任务', ['taskName', 'content']),
    },
  },
} as RJSFSchema;
const initial = {
  fiscalYear: 2025,
  projectName: '农村公路养护',
  unit: { code: '360722101', name: '交通运输局', leader: '王建国' },
  funding: { fiscal: '120', other: '0', carryOver: '0' },
  tasks: [
    { taskName: '日常养护', content: '1850公里' },
    { taskName: '桥梁检测', content: '12座' },
    { taskName: '安全整治', content: '30处' },
  ],
};
// Form.Items: the root, 年度, 项目名称, two groups of three, the task list and three tasks of two.
const FORM_ITEMS = 1 + 1 + 1 + 2 * (1 + 3) + 1 + 3 * (1 + 2);

/** The form as the fill page gives it: with the context its custom fields read (useFormContext). */
function Harness() {
  const [data, setData] = useState<Record<string, unknown>>(initial);
  const formContext = useFormContext(data);
  return (
    <CountingConfig counts={counted}>
      <SchemaForm schema={schema} uiSchema={{}} formData={data} onChange={setData} formContext={formContext} />
    </CountingConfig>
  );
}

describe('SchemaForm re-rendering on a keystroke', () => {
  it.each([
    ['项目名称 at the top', '#root_projectName'],
    ['单位 · name in a group', '#root_unit_name'],
    ['任务 2 · content in the list', '#root_tasks_1_content'],
  ])(`typing into %s re-renders a few Form.Items, not the ${FORM_ITEMS} of the form`, (_label, selector) => {
    const { container } = renderWithAntd(<Harness />);
    expect(container.querySelectorAll('.ant-form-item')).toHaveLength(FORM_ITEMS);
    const input = container.querySelector(selector) as HTMLInputElement;
    counted.form = 0;
    act(() => {
      fireEvent.change(input, { target: { value: `${input.value}甲` } });
    });
    expect((container.querySelector(selector) as HTMLInputElement).value).toMatch(/甲$/);
    // The field's own Form.Item and the object and array templates on the way ask (3, 7 and 11 times); with the
    // Form.Items of objects and arrays around their fields every Form.Item of the form ran twice (42, 46 and 50).
    expect(counted.form).toBeGreaterThan(0);
    expect(counted.form).toBeLessThan(FORM_ITEMS);
  });

  it(`typing the 年度, which custom fields may read, re-renders a few Form.Items, not the ${FORM_ITEMS} of the form`, () => {
    const { container } = renderWithAntd(<Harness />);
    const input = container.querySelector('#root_fiscalYear') as HTMLInputElement;
    counted.form = 0;
    act(() => {
      fireEvent.change(input, { target: { value: '2026' } });
    });
    expect((container.querySelector('#root_fiscalYear') as HTMLInputElement).value).toBe('2026');
    expect(counted.form).toBeGreaterThan(0);
    expect(counted.form).toBeLessThan(FORM_ITEMS);
  });
});

describe('what an object or array field shows itself, now that its Form.Item renders only for it', () => {
  // The item of the field itself, not of the fields it holds. (Errors leave through an animation that never ends
  // here, so a cleared error is read from the item's state.)
  const item = (container: HTMLElement, id: string) =>
    container.querySelector(`[data-field="${id}"] > .ant-form-item`) as HTMLElement;
  const own = (el: HTMLElement, what: string) =>
    [...el.querySelectorAll(`:scope > .ant-row > .ant-form-item-control ${what}`)].map((e) => e.textContent);
  const shown = (container: HTMLElement, id: string) => {
    const el = item(container, id);
    const failing = el.classList.contains('ant-form-item-has-error');
    return { errors: failing ? own(el, '.ant-form-item-explain-error') : [], extra: own(el, '.ant-form-item-extra') };
  };
  const form = (messages: { path: string; message: string }[]) => (
    <SchemaForm schema={schema} uiSchema={{}} formData={initial} extraErrors={toErrorSchema(messages)} />
  );

  it('shows the list’s own error and help under it, changes the error with its text and clears it', () => {
    const { container, rerender } = renderWithAntd(form([{ path: '/tasks', message: '至少填写四项任务' }]));
    expect(shown(container, 'root_tasks')).toEqual({ errors: ['至少填写四项任务'], extra: ['每项任务一行'] });

    rerender(form([{ path: '/tasks', message: '任务不得超过十项' }]));
    expect(shown(container, 'root_tasks').errors).toEqual(['任务不得超过十项']);

    rerender(form([]));
    expect(shown(container, 'root_tasks')).toEqual({ errors: [], extra: ['每项任务一行'] });
    // A field inside the list keeps its own error, beside its own input.
    rerender(form([{ path: '/tasks/1/content', message: '必填' }]));
    expect(shown(container, 'root_tasks').errors).toEqual([]);
    expect(shown(container, 'root_tasks_1_content').errors).toEqual(['必填']);
  });
});
