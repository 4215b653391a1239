import { DomainError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { decideSubmission } from './decide-submission';

/** A batch stays small enough to finish well inside one request (each item is its own transaction). */
export const MAX_BATCH_ITEMS = 20;

export interface BatchItemResult {
  submissionId: string;
  stepId: string;
  status: 'approved' | 'skipped' | 'failed';
  error?: { code: string; message: string };
}

/** Steps a batch cannot approve: their decision needs input the one shared opinion cannot give. */
export const NEEDS_OWN_INPUT = 'DECISION_NEEDS_INPUT';

function needsOwnInput(step: { score?: { required?: boolean }; decisionSchema?: Record<string, unknown> }): boolean {
  const required = (step.decisionSchema as { required?: unknown[] } | undefined)?.required;
  return Boolean(step.score?.required) || (Array.isArray(required) && required.length > 0);
}

/**
 * Batch approve from the inbox with one opinion: every item is decided on its own, with exactly the checks of a
 * single decision (its own transaction, so one failing item never blocks the others). Steps whose decision
 * requires a score or decision fields are left out with the reason. Items run one after another: a batch is
 * small and the shared machine stays calm.
 */
export async function batchApprove(
  deps: Deps,
  input: {
    actor: Actor;
    items: { submissionId: string; stepId: string }[];
    comment?: string;
  },
): Promise<{ results: BatchItemResult[] }> {
  const results: BatchItemResult[] = [];
  const seen = new Set<string>();
  for (const item of input.items) {
    const key = `${item.submissionId}#${item.stepId}`;
    if (seen.has(key)) {
      results.push({
        ...item,
        status: 'skipped',
        error: { code: 'DUPLICATE_ITEM', message: '同一待办在本次批量中重复' },
      });
      continue;
    }
    seen.add(key);
    try {
      await decideSubmission(deps, {
        actor: input.actor,
        id: item.submissionId,
        stepId: item.stepId,
        action: 'approve',
        comment: input.comment,
        beforeDecide: (step, addedSigner) => {
          if (!addedSigner && needsOwnInput(step)) throw new BatchSkip();
        },
      });
      results.push({ ...item, status: 'approved' });
    } catch (err) {
      if (err instanceof BatchSkip) {
        results.push({
          ...item,
          status: 'skipped',
          error: { code: NEEDS_OWN_INPUT, message: '该环节需要评分或填写审核字段，请逐件办理' },
        });
      } else if (err instanceof DomainError) {
        results.push({ ...item, status: 'failed', error: { code: err.code, message: err.message } });
      } else {
        deps.logger.error('batch item failed', { submissionId: item.submissionId, error: String(err) });
        results.push({ ...item, status: 'failed', error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
      }
    }
  }
  return { results };
}

class BatchSkip extends Error {}
