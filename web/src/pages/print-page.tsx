import { Button } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api/client';
import type { FormDefinition, HistoryItem, ListPage, Submission } from '../api/types';
import { formatTarget, LEVEL1_LABELS, LEVEL2_LABELS, QUAL_ACHIEVEMENT_OPTIONS } from '../form/indicator-hierarchy';
import { LoadFailed, PageLoading } from '../layout/page-state';
import { formatDateTime, HISTORY_LABELS, STATUS_LABELS } from '../lib/labels';
import { useUnitName } from '../lib/reference-data';
import { enumLabel, itemSchema, propertyKeys, propertySchema, resolveRef, type Schema, titleOf } from '../lib/schema';
import './print.css';

type Ui = Record<string, unknown> | undefined;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function uiChild(ui: Ui, key: string): Ui {
  const c = ui?.[key];
  return isObject(c) ? c : undefined;
}

/** Keys in `ui:order` (with `*` for the rest), else schema order. */
function ordered(keys: string[], ui: Ui): string[] {
  const order = ui?.['ui:order'];
  if (!Array.isArray(order)) return keys;
  const listed = order.filter((k): k is string => typeof k === 'string' && k !== '*' && keys.includes(k));
  const rest = keys.filter((k) => !listed.includes(k));
  const star = order.indexOf('*');
  if (star < 0) return [...listed, ...rest];
  const before = order.slice(0, star).filter((k): k is string => typeof k === 'string' && keys.includes(k));
  const after = order.slice(star + 1).filter((k): k is string => typeof k === 'string' && keys.includes(k));
  return [...before, ...rest, ...after];
}

function display(value: unknown, schema: Schema | undefined, ui: Ui): string {
  if (value === undefined || value === null || value === '') return '';
  const fromOneOf = enumLabel(schema, value);
  if (fromOneOf) return fromOneOf;
  const names = ui?.['ui:enumNames'];
  if (Array.isArray(names) && Array.isArray(schema?.enum)) {
    const i = schema.enum.indexOf(value);
    if (i >= 0 && typeof names[i] === 'string') return names[i];
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  const unit = (uiChild(ui, 'ui:options') as { unit?: unknown } | undefined)?.unit;
  if (typeof value === 'string' || typeof value === 'number')
    return `${value}${typeof unit === 'string' ? ` ${unit}` : ''}`;
  if (Array.isArray(value)) return value.map((v) => display(v, undefined, undefined)).join('、');
  return JSON.stringify(value);
}

const INDICATOR_KEYS = new Set(['level1', 'level2', 'name', 'operator']);

function ArrayTable({ rows, schema, root, ui }: { rows: unknown[]; schema: Schema; root: Schema; ui: Ui }) {
  const item = itemSchema(schema, root) ?? {};
  const itemUi = uiChild(ui, 'items');
  const keys = ordered(propertyKeys(item, root), itemUi).filter((k) => k !== 'indicatorId');
  const isIndicator = keys.some((k) => INDICATOR_KEYS.has(k)) && keys.includes('operator');
  type Column = { title: string; render: (row: Record<string, unknown>) => string };
  let columns: Column[];
  if (isIndicator) {
    columns = [
      { title: '一级指标', render: (r) => LEVEL1_LABELS[String(r.level1)] ?? String(r.level1 ?? '') },
      { title: '二级指标', render: (r) => LEVEL2_LABELS[String(r.level2)] ?? String(r.level2 ?? '') },
      { title: '三级指标', render: (r) => String(r.name ?? '') },
      { title: '指标值', render: (r) => formatTarget(r) },
    ];
    const extra: [string, string, (r: Record<string, unknown>) => string][] = [
      ['weight', '分值', (r) => display(r.weight, undefined, undefined)],
      [
        'actualValue',
        '实际完成值',
        (r) =>
          r.operator === 'qual'
            ? (QUAL_ACHIEVEMENT_OPTIONS.find((o) => o.value === r.qualitativeAchievement)?.label ?? '')
            : display(r.actualValue, undefined, undefined),
      ],
      ['score', '得分', (r) => display(r.score, undefined, undefined)],
      ['deviationAnalysis', '偏差原因分析及改进措施', (r) => String(r.deviationAnalysis ?? '')],
    ];
    for (const [key, title, render] of extra) if (keys.includes(key)) columns.push({ title, render });
  } else {
    const used = keys.filter((k) => rows.some((r) => isObject(r) && r[k] !== undefined && r[k] !== ''));
    columns = used.map((k) => {
      const sub = propertySchema(item, k, root);
      return { title: titleOf(sub, k), render: (r) => display(r[k], sub, uiChild(itemUi, k)) };
    });
  }
  return (
    <table className="print-sub-table print-table">
      <thead>
        <tr>
          <th style={{ width: 32 }}>序号</th>
          {columns.map((c) => (
            <th key={c.title}>{c.title}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no other identity in print
          <tr key={i}>
            <td style={{ textAlign: 'center' }}>{i + 1}</td>
            {columns.map((c) => (
              <td key={c.title}>{isObject(row) ? c.render(row) : display(row, undefined, undefined)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Rows of the main 4-column table (label | value | label | value) for one object. */
function objectRows(
  data: Record<string, unknown>,
  schema: Schema,
  root: Schema,
  ui: Ui,
  prefix: string,
  out: ReactNode[],
): void {
  const s = resolveRef(schema, root);
  const keys = ordered(propertyKeys(s, root), ui);
  let pending: [string, string] | null = null;
  const flush = () => {
    if (pending) {
      out.push(
        <tr key={`${prefix}/${pending[0]}-single`}>
          <th>{pending[0]}</th>
          <td colSpan={3}>{pending[1]}</td>
        </tr>,
      );
      pending = null;
    }
  };
  for (const key of keys) {
    const value = data[key];
    if (value === undefined || value === null || value === '') continue;
    const sub = propertySchema(s, key, root) ?? {};
    const subUi = uiChild(ui, key);
    if (subUi?.['ui:widget'] === 'hidden') continue;
    const label = titleOf(sub, key);
    if (Array.isArray(value) && value.some(isObject)) {
      flush();
      out.push(
        <tr key={`${prefix}/${key}`} className="print-indicators">
          <th className="print-section" colSpan={4}>
            {label}
          </th>
        </tr>,
        <tr key={`${prefix}/${key}-table`}>
          <td colSpan={4} style={{ padding: 0 }}>
            <ArrayTable rows={value} schema={sub} root={root} ui={subUi} />
          </td>
        </tr>,
      );
    } else if (isObject(value)) {
      flush();
      out.push(
        <tr key={`${prefix}/${key}-header`}>
          <th className="print-section" colSpan={4}>
            {label}
          </th>
        </tr>,
      );
      objectRows(value, sub, root, subUi, `${prefix}/${key}`, out);
    } else {
      const text = display(value, sub, subUi);
      if (text.length > 24) {
        flush();
        out.push(
          <tr key={`${prefix}/${key}`}>
            <th>{label}</th>
            <td colSpan={3}>{text}</td>
          </tr>,
        );
      } else if (pending) {
        const [l, v] = pending;
        out.push(
          <tr key={`${prefix}/${key}`}>
            <th>{l}</th>
            <td>{v}</td>
            <th>{label}</th>
            <td>{text}</td>
          </tr>,
        );
        pending = null;
      } else pending = [label, text];
    }
  }
  flush();
}

interface Loaded {
  submission: Submission;
  form: FormDefinition;
  history: HistoryItem[];
}

export default function PrintPage() {
  const { id = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const unitOf = useUnitName();

  useEffect(() => {
    const enc = encodeURIComponent(id);
    (async () => {
      const submission = await api<Submission>('GET', `/api/submissions/${enc}`);
      const [form, history] = await Promise.all([
        api<FormDefinition>(
          'GET',
          `/api/forms/${encodeURIComponent(submission.formId)}/versions/${submission.formVersion}`,
        ),
        api<ListPage<HistoryItem>>('GET', `/api/submissions/${enc}/history`)
          .then((r) => r.items)
          .catch(() => [] as HistoryItem[]),
      ]);
      setLoaded({ submission, form, history });
    })().catch(setError);
  }, [id]);

  useEffect(() => {
    if (loaded) document.title = `${loaded.submission.title || loaded.form.title} - 打印`;
  }, [loaded]);

  if (error) return <LoadFailed error={error} />;
  if (!loaded) return <PageLoading />;
  const { submission, form, history } = loaded;
  const schema = form.schema as Schema;
  const ui = form.uiSchema as Ui;
  const data = submission.data ?? {};
  const rows: ReactNode[] = [];
  objectRows(data, schema, schema, ui, '', rows);
  const steps = new Map((submission.chain?.steps ?? []).map((s) => [s.id, s.name]));
  const opinions = [...history]
    .filter((h) => ['submitted', 'resubmitted', 'approved', 'returned', 'rejected', 'withdrawn'].includes(h.type))
    .sort((a, b) => a.seq - b.seq);
  const fiscalYear = data.fiscalYear;

  return (
    <div className="print-page">
      <div className="print-toolbar">
        <Button type="primary" onClick={() => window.print()}>
          打印 / 另存为 PDF
        </Button>
        <Button onClick={() => window.close()}>关闭</Button>
      </div>
      <h1>{form.title}</h1>
      <div className="print-meta">
        <span>填报单位：{unitOf(submission.unitId, submission.unitName)}</span>
        <span>年度：{fiscalYear === undefined ? '' : String(fiscalYear)}</span>
        <span>状态：{STATUS_LABELS[submission.status]}</span>
      </div>
      {submission.title ? <div className="print-meta">标题：{submission.title}</div> : null}
      <table className="print-table">
        <colgroup>
          <col style={{ width: '18%' }} />
          <col style={{ width: '32%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '32%' }} />
        </colgroup>
        <tbody>{rows}</tbody>
      </table>

      <div className="print-signatures">
        <div>单位负责人（签字）：{typeof data.unitLeader === 'string' ? data.unitLeader : ''}</div>
        <div>填报人：{typeof data.preparedBy === 'string' ? data.preparedBy : ''}</div>
        <div>日期：{typeof data.preparedAt === 'string' ? data.preparedAt : ''}</div>
      </div>

      <section className="print-opinions">
        <h2>审核意见</h2>
        <table className="print-table">
          <colgroup>
            <col style={{ width: '18%' }} />
            <col style={{ width: '14%' }} />
            <col style={{ width: '12%' }} />
            <col style={{ width: '38%' }} />
            <col style={{ width: '18%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>环节</th>
              <th>处理人</th>
              <th>结果</th>
              <th>意见</th>
              <th>时间</th>
            </tr>
          </thead>
          <tbody>
            {opinions.length === 0 ? (
              <tr>
                <td colSpan={5} style={{ textAlign: 'center' }}>
                  暂无审核记录
                </td>
              </tr>
            ) : (
              opinions.map((h) => (
                <tr key={h.seq}>
                  <td>{h.stepId ? (h.stepName ?? steps.get(h.stepId) ?? h.stepId) : '填报单位'}</td>
                  <td>
                    {h.actor?.name ?? ''}
                    {h.actor ? `（${unitOf(h.actor.unitId, h.actor.unitName)}）` : ''}
                  </td>
                  <td>
                    {HISTORY_LABELS[h.type] ?? h.type}
                    {h.score !== undefined && h.score !== null ? `，评分 ${h.score}` : ''}
                  </td>
                  <td>{h.comment ?? ''}</td>
                  <td>{formatDateTime(h.at)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>
    </div>
  );
}
