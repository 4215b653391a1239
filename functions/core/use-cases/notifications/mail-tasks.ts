import type { Task, User } from '../../model';
import type { Deps } from '../../ports';
import { todayInShanghai as shanghaiDay } from '../support/campaign-rules';
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

/** Mails each task's unit by its users' preferences. Never throws: the action behind it already happened. */
async function mailTasks(
  deps: Deps,
  tasks: Task[],
  text: (t: Task) => { title: string; message: string; at: string },
): Promise<void> {
  if (!deps.mail || !tasks.length) return;
  try {
    const users = await activeUsersByUnit(deps);
    const notes = tasks.flatMap((t) => {
      const { title, message, at } = text(t);
      return notesForTask(users, t, title, message, at);
    });
    await mailNotes(deps, [...users.values()].flat(), notes);
  } catch (err) {
    deps.logger.error('task mail failed', { error: String(err) });
  }
}

const due = (t: Task, before: string, after: string) => (t.dueAt ? `${before}${shanghaiDay(t.dueAt)}${after}` : '');

/** Email to the units of review tasks a transition just opened (待办). */
export function mailNewTasks(deps: Deps, tasks: Task[]): Promise<void> {
  const open = tasks.filter((t) => t.kind === 'review' && t.status === 'open');
  return mailTasks(deps, open, (t) => ({
    title: `新的待办：${t.title}`,
    message: `「${t.title}」已进入「${t.stepName}」环节，请办理${due(t, '（办理期限 ', '）')}。`,
    at: t.assignedAt,
  }));
}

/** Email to the units of tasks the sweep just found overdue. */
export function mailOverdueTasks(deps: Deps, tasks: Task[], now: string): Promise<void> {
  return mailTasks(deps, tasks, (t) => ({
    title: `待办已超期：${t.title}`,
    message: `「${t.title}」的「${t.stepName}」环节已超过办理期限${due(t, '（', '）')}，请尽快办理。`,
    at: now,
  }));
}
