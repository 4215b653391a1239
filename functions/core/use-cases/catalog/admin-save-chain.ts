import { ValidationError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { assigneesOf } from '../../workflow/engine';
import type { Chain } from '../../workflow/types';
import { idempotencyRecord } from '../review/transition';
import { requireRole } from '../support/access';

/** What a step's `when` sees at save time, and what its `checks` and `outcome` see (empty data). */
const WHEN_SAMPLE = { data: {}, computed: {}, decisions: {} };
const DECISION_SAMPLE = {
  action: 'approve',
  fields: {},
  comment: '',
  data: {},
  computed: {},
  decisions: {},
  outcomes: {},
};

/**
 * Save a chain as a new version (admin). Chains are untrusted input: meta-schema, semantic checks,
 * unit ids, `when` expressions and decision schemas are all checked before anything is stored.
 */
export async function saveChain(
  deps: Deps,
  input: { actor: Actor; chain: unknown; idem?: IdempotencyRequest },
): Promise<{ id: string; version: number }> {
  requireRole(input.actor, 'admin');
  const { checkChainDefinition } = await import('../../../../forms/lib/server/chain-schema');
  const errors = checkChainDefinition(input.chain);
  if (errors.length) throw new ValidationError('审核链定义不正确', errors);
  const def = input.chain as Chain;
  const units = new Set((await deps.org.listUnits()).map((u) => u.id));
  const more: { path: string; message: string }[] = [];
  for (const [i, step] of def.steps.entries()) {
    for (const a of assigneesOf(step)) {
      if (a.type === 'unit' && !units.has(a.unitId))
        more.push({ path: `/steps/${i}/assignee`, message: `单位「${a.unitId}」不存在` });
    }
    for (const [j, unitId] of (step.transferTo ?? []).entries()) {
      if (!units.has(unitId)) more.push({ path: `/steps/${i}/transferTo/${j}`, message: `单位「${unitId}」不存在` });
    }
    // Every expression of a step gets the same save-time check (syntax, unsafe constructs, a bounded trial).
    const exprs = [
      ...(step.when !== undefined ? [{ path: `/steps/${i}/when`, expr: step.when, sample: WHEN_SAMPLE }] : []),
      ...(step.checks ?? []).map((c, j) => ({
        path: `/steps/${i}/checks/${j}/expr`,
        expr: c.expr,
        sample: DECISION_SAMPLE,
      })),
      ...(step.outcome !== undefined
        ? [{ path: `/steps/${i}/outcome`, expr: step.outcome, sample: DECISION_SAMPLE }]
        : []),
    ];
    for (const e of exprs) {
      const problem = await deps.expressions.check(e.expr, e.sample, { settings: {} });
      if (problem) more.push({ path: e.path, message: `条件表达式不正确：${problem}` });
    }
    if (step.decisionSchema) {
      const problems = await deps.validator.checkDefinition(step.decisionSchema, {}, {});
      more.push(
        ...problems.map((p) => ({
          path: `/steps/${i}/decisionSchema${p.path === '/' ? '' : p.path}`,
          message: p.message,
        })),
      );
    }
  }
  if (more.length) throw new ValidationError('审核链定义不正确', more);
  const head = await deps.chains.getHead(def.id);
  const version = (head?.latestVersion ?? 0) + 1;
  const chain: Chain = { id: def.id, version, title: def.title, description: def.description, steps: def.steps };
  const result = { id: chain.id, version };
  await deps.chains.createVersion(
    chain,
    head?.latestVersion ?? 0,
    deps.clock.now(),
    idempotencyRecord(input.actor, input.idem, result),
  );
  return result;
}
