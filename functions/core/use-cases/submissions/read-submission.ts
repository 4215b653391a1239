import type { Actor, HistoryEvent } from '../../model';
import type { Deps } from '../../ports';
import { loadVisibleSubmission } from '../support/access';
import { loadChain, type SubmissionResult } from './submit-submission';

/** One submission the actor may see, with its pinned chain (for the timeline and the decision panel). */
export async function getSubmission(deps: Deps, input: { actor: Actor; id: string }): Promise<SubmissionResult> {
  const submission = await loadVisibleSubmission(deps, input.actor, input.id);
  return { submission, chain: await loadChain(deps, submission) };
}

/** The whole story: every event with actor, time, opinion and score (snapshots left out). */
export async function getHistory(deps: Deps, input: { actor: Actor; id: string }): Promise<HistoryEvent[]> {
  await loadVisibleSubmission(deps, input.actor, input.id);
  const events = await deps.submissions.history(input.id);
  return events.map(({ dataSnapshot: _omit, ...e }) => e);
}

/** The data as submitted in each round, for "what changed since the last return". */
export async function getSnapshots(deps: Deps, input: { actor: Actor; id: string }) {
  await loadVisibleSubmission(deps, input.actor, input.id);
  const events = await deps.submissions.history(input.id);
  let round = 0;
  return events
    .filter((e) => e.type === 'submitted' && e.dataSnapshot)
    .map((e) => ({ round: ++round, at: e.at, data: e.dataSnapshot }));
}
