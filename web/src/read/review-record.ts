/**
 * The review part of a printed form: the decision fields of the chain (审核等级, 批复文号 …) and one row per
 * decision of the chain (审核意见表). Pure: built from the chain version and the submission's history.
 */
import type { HistoryItem } from '../api/types';
import { HISTORY_LABELS } from '../lib/labels';
import { plainName } from '../lib/person';
import { propertyKeys, propertySchema, type Schema, titleOf } from '../lib/schema';
import { formatValue } from './format';

export interface ChainDefinition {
  steps: { id: string; name: string; decisionSchema?: Schema; score?: { label?: string } }[];
}

export interface DecisionFieldRow {
  key: string;
  label: string;
  value: string;
}

/** Events that belong in the 审核意见 table: the unit's submissions and every decision of the chain. */
const OPINION_TYPES = new Set([
  'submitted',
  'resubmitted',
  'withdrawn',
  'approved',
  'returned',
  'rejected',
  'transferred',
  'signerAdded',
]);

/** A decision field's leaves: an object of fields (e.g. 各维度审核分) gives one row per inner field. */
function leaves(schema: Schema): { path: string[]; schema: Schema | undefined }[] {
  const out: { path: string[]; schema: Schema | undefined }[] = [];
  for (const key of propertyKeys(schema, schema)) {
    const sub = propertySchema(schema, key, schema);
    if (sub?.type === 'object' && sub.properties) {
      for (const inner of leaves(sub)) out.push({ path: [key, ...inner.path], schema: inner.schema });
    } else out.push({ path: [key], schema: sub });
  }
  return out;
}

function valueAt(fields: Record<string, unknown>, path: string[]): unknown {
  let node: unknown = fields;
  for (const key of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/**
 * Every decision field (and step score) of the chain's steps, once per title (批复文号 of 预算股 and of the 部门
 * share one row), with the value of the latest decision that set it; blank when not decided yet. Steps the trail
 * skipped stay out.
 */
export function decisionFieldRows(
  chain: ChainDefinition,
  history: HistoryItem[],
  skippedStepIds: ReadonlySet<string> = new Set(),
): DecisionFieldRow[] {
  const rows: DecisionFieldRow[] = [];
  const decisions = [...history].sort((a, b) => a.seq - b.seq).filter((h) => h.stepId && h.type !== 'notified');
  const add = (key: string, label: string, value: string) => {
    const same = rows.find((r) => r.label === label);
    if (!same) rows.push({ key, label, value });
    else if (value) same.value = value;
  };
  for (const step of chain.steps) {
    if (skippedStepIds.has(step.id)) continue;
    const own = decisions.filter((h) => h.stepId === step.id);
    if (step.score) {
      const scored = own.filter((h) => typeof h.score === 'number').pop();
      add(`${step.id}/#score`, step.score.label ?? `${step.name}评分`, scored ? String(scored.score) : '');
    }
    if (!step.decisionSchema) continue;
    for (const leaf of leaves(step.decisionSchema)) {
      const label = titleOf(leaf.schema, '');
      if (!label) continue;
      let value = '';
      for (const h of own) {
        const v = h.fields ? valueAt(h.fields, leaf.path) : undefined;
        if (v !== undefined) value = formatValue(v, leaf.schema, undefined);
      }
      add(`${step.id}/${leaf.path.join('/')}`, label, value);
    }
  }
  return rows;
}

export interface OpinionRow {
  seq: number;
  step: string;
  unit: string;
  person: string;
  action: string;
  opinion: string;
  score: string;
  at: string;
}

/** One row per submission and decision (转交 and 加签 included, a deputy's marked 代 …), oldest first. */
export function opinionRows(
  history: HistoryItem[],
  stepName: (stepId: string) => string | undefined,
  unitOf: (unitId?: string, unitName?: string) => string,
): OpinionRow[] {
  return [...history]
    .filter((h) => OPINION_TYPES.has(h.type))
    .sort((a, b) => a.seq - b.seq)
    .map((h) => {
      const unit = h.actor ? unitOf(h.actor.unitId, h.actor.unitName) : '';
      return {
        seq: h.seq,
        step: h.stepId ? (h.stepName ?? stepName(h.stepId) ?? h.stepId) : '填报单位报送',
        unit,
        person: h.actor
          ? `${plainName(h.actor.name, unit)}${h.onBehalfOf ? `（代 ${plainName(h.onBehalfOf.name, unit)} 办理）` : ''}`
          : '',
        action: `${HISTORY_LABELS[h.type] ?? h.type}${h.toUnitId ? `给${unitOf(h.toUnitId)}` : ''}${
          h.addedUnitId ? `：${unitOf(h.addedUnitId)}` : ''
        }`,
        opinion: h.comment ?? '',
        score: h.score === undefined || h.score === null ? '' : String(h.score),
        at: h.at,
      };
    });
}
