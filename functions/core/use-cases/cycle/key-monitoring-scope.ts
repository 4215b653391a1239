import { ForbiddenError, ValidationError } from '../../errors';
import type { Actor, Submission } from '../../model';
import type { Deps } from '../../ports';
import { listSubmissions } from '../submissions/list-submissions';
import { canStartForm } from '../support/access';
import { publishedForm } from '../support/published-form';

/** The report whose 监控对象与范围 these rows fill, and the monitoring form its objects come from. */
const REPORT_FORM = 'key-monitoring-report';
const MONITORING_FORM = 'project-monitoring';
/** Reports under review or approved: a draft, a returned or a withdrawn report may still change. */
const SETTLED = new Set(['in_review', 'approved']);
/** At most this many monitoring reports are read for one answer (pages of 100). */
const MAX_PAGES = 5;

/** One row of the report's scope table, as the monitoring report states it. */
export interface ScopeRow {
  reportRef?: string;
  unitName: string;
  objectName: string;
  amount: string;
  executionRate?: number;
  overallLight: string;
  focusReasons?: string[];
}

export interface ScopeSource {
  submissionId: string;
  title: string;
  status: string;
  row: ScopeRow;
}

/** The monitoring form's reasons for 重点监控, in the report's fewer words (the findings of every kind are one). */
const REASONS: Record<string, string> = {
  keyPolicy: 'keyPolicy',
  majorProject: 'majorProject',
  livelihood: 'livelihood',
  inspectionFinding: 'finding',
  auditFinding: 'finding',
  supervisionFinding: 'finding',
  keyEvaluationFinding: 'finding',
  dailyMgmtFinding: 'finding',
};

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

function rowOf(sub: Submission, unitNames: Map<string, string>): ScopeRow {
  const d = sub.data ?? {};
  const total = obj(obj(d.funds).total);
  const reasons = Array.isArray(d.focusReasons) ? d.focusReasons.map((r) => REASONS[String(r)]).filter(Boolean) : [];
  const rate = total.executionRate;
  return {
    ...(text(d.taskRef) ? { reportRef: text(d.taskRef).slice(0, 64) } : {}),
    unitName: (text(obj(d.implementingUnit).name) || unitNames.get(sub.unitId) || sub.unitId).slice(0, 100),
    objectName: (text(d.projectName) || sub.title).slice(0, 200),
    amount: text(total.adjustedBudget),
    ...(typeof rate === 'number' && Number.isFinite(rate) ? { executionRate: rate } : {}),
    overallLight: text(d.overallLight),
    ...(reasons.length ? { focusReasons: [...new Set(reasons)] } : {}),
  };
}

/**
 * 「从监控表导入」 of the 财政重点监控报告 (第二十二条): the 财政重点监控 monitoring reports of one year and one cutoff
 * month that the caller can see, under review or approved, each as a row of the report's 监控对象与范围. Only the
 * units that may write the report ask (403 otherwise). Bounded: at most 500 reports read; `truncated` says more
 * were left.
 */
export async function keyMonitoringScope(
  deps: Deps,
  input: { actor: Actor; fiscalYear: number; cutoffMonth: number },
): Promise<{ items: ScopeSource[]; truncated: boolean }> {
  const { actor, fiscalYear, cutoffMonth } = input;
  const problems = [
    ...(Number.isInteger(fiscalYear) && fiscalYear >= 2020 && fiscalYear <= 2100
      ? []
      : [{ path: 'fiscalYear', message: '请先填写监控年度' }]),
    ...(Number.isInteger(cutoffMonth) && cutoffMonth >= 1 && cutoffMonth <= 12
      ? []
      : [{ path: 'cutoffMonth', message: '请先填写监控截止月份（1—12）' }]),
  ];
  if (problems.length) throw new ValidationError(problems.map((p) => p.message).join('；'), problems);
  const [form, unit, units] = await Promise.all([
    publishedForm(deps, REPORT_FORM),
    deps.org.getUnit(actor.unitId),
    deps.org.listUnits(),
  ]);
  if (!canStartForm(unit, form)) throw new ForbiddenError('只有出具财政重点监控报告的单位可以导入监控对象');
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const items: ScopeSource[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await listSubmissions(deps, {
      actor,
      page: { limit: 100, cursor },
      formId: MONITORING_FORM,
      year: fiscalYear,
    });
    for (const sub of r.items) {
      if (!SETTLED.has(sub.status) || sub.data?.monitorType !== 'financeKey') continue;
      if (sub.data?.cutoffMonth !== cutoffMonth) continue;
      items.push({ submissionId: sub.id, title: sub.title, status: sub.status, row: rowOf(sub, unitNames) });
    }
    cursor = r.cursor ?? undefined;
    if (!cursor) break;
  }
  return { items, truncated: Boolean(cursor) };
}
