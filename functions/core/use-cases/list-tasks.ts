import type { Actor, Page, Task } from '../model';
import type { Deps, PageRequest } from '../ports';

/** The unit's inbox (open tasks, soonest due first) or its done list (newest first). */
export async function listTasks(
  deps: Deps,
  input: { actor: Actor; status: 'open' | 'done'; page: PageRequest; formId?: string },
): Promise<Page<Task & { overdue: boolean }>> {
  const page =
    input.status === 'open'
      ? await deps.tasks.inbox(input.actor.unitId, input.page)
      : await deps.tasks.done(input.actor.unitId, input.page);
  const now = deps.clock.now();
  return {
    cursor: page.cursor,
    items: page.items
      .filter((t) => !input.formId || t.formId === input.formId)
      .map((t) => ({ ...t, overdue: t.status === 'open' && t.dueAt !== null && t.dueAt < now })),
  };
}
