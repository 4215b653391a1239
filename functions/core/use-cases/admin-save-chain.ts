import { ValidationError } from '../errors';
import type { Actor } from '../model';
import type { Deps, IdempotencyRequest } from '../ports';
import { checkChainDefinition } from '../workflow/chain-schema';
import { assigneesOf } from '../workflow/engine';
import type { Chain } from '../workflow/types';
import { requireRole } from './access';
import { idempotencyRecord } from './transition';

/**
 * Save a chain as a new version (admin). Chains are untrusted input: meta-schema, semantic checks,
 * unit ids, `when` expressions and decision schemas are all checked before anything is stored.
 */
export async function saveChain(
  deps: Deps,
  input: { actor: Actor; chain: unknown; idem?: IdempotencyRequest },
): Promise<{ id: string; version: number }> {
  requireRole(input.actor, 'admin');
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
    if (step.when) {
      try {
        await deps.expressions.evaluate(step.when, { data: {}, computed: {}, decisions: {} });
      } catch (err) {
        more.push({ path: `/steps/${i}/when`, message: `条件表达式不正确：${(err as Error).message}` });
      }
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
