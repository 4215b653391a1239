import type { Task, User } from '../model';
import type { Deps } from '../ports';
import { todayInShanghai as shanghaiDay } from './campaign-rules';
import { type MailNote, mailNotes } from './mail';
import { activeUsersByUnit } from './notify-units';

/** One note per active user of the task's unit. */
function notesForTask(users: Map<string, User[]>, task: Task, title: string, message: string, at: string): MailNote[] {
  return (users.get(task.assigneeUnitId) ?? []).map((u) => ({
    userId: u.id,
    title,
    message,
    link: `/review/${encodeURIComponent(task.submissionId)}`,
    at,
  }));
}

/** Email to the units of review tasks a transition just opened (待办). Never throws. */
export async function mailNewTasks(deps: Deps, tasks: Task[]): Promise<void> {
  const open = tasks.filter((t) => t.kind === 'review' && t.status === 'open');
  if (!deps.mail || !open.length) return;
  try {
    const users = await activeUsersByUnit(deps);
    const notes = open.flatMap((t) =>
      notesForTask(
        users,
        t,
        `新的待办：${t.title}`,
        `「${t.title}」已进入「${t.stepName}」环节，请办理${t.dueAt ? `（办理期限 ${shanghaiDay(t.dueAt)}）` : ''}。`,
        t.assignedAt,
      ),
    );
    await mailNotes(deps, [...users.values()].flat(), notes);
  } catch (err) {
    deps.logger.error('task mail failed', { error: String(err) });
  }
}

/** Email to the units of tasks the sweep just found overdue. Never throws. */
export async function mailOverdueTasks(deps: Deps, tasks: Task[], now: string): Promise<void> {
  if (!deps.mail || !tasks.length) return;
  try {
    const users = await activeUsersByUnit(deps);
    const notes = tasks.flatMap((t) =>
      notesForTask(
        users,
        t,
        `待办已超期：${t.title}`,
        `「${t.title}」的「${t.stepName}」环节已超过办理期限${t.dueAt ? `（${shanghaiDay(t.dueAt)}）` : ''}，请尽快办理。`,
        now,
      ),
    );
    await mailNotes(deps, [...users.values()].flat(), notes);
  } catch (err) {
    deps.logger.error('overdue mail failed', { error: String(err) });
  }
}
