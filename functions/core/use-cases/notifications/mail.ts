import type { User } from '../../model';
import type { Deps } from '../../ports';
import type { DigestItem, MailDeps, MailMessage, QueuedMail } from '../../ports-mail';

/** What a notification-like event says, whatever created it (催报, deadlines, new tasks). */
export interface MailNote {
  userId: string;
  title: string;
  message: string;
  link: string;
  at: string;
}

const SIGNATURE =
  '此邮件由信丰县财政局预算绩效管理平台自动发送，请勿直接回复。\n如需更改邮件提醒方式（即时 / 每日汇总 / 不接收），请登录平台，在「个人设置」中修改。';
/** A failed message is tried again by the sweep after 5, 10, 20, 40 minutes … at most this many times. */
export const MAIL_MAX_ATTEMPTS = 5;
const RETRY_BASE_MS = 5 * 60_000;

/**
 * How long one request may spend sending mail at once (a submit or a decision mails the new task's unit). What is
 * not sent by then, a send that has not answered included, is queued for the sweep, so a slow or hanging mail
 * service never holds the action's answer. A send that answers after its time may also go out from the queue: an
 * extra email rather than a late answer.
 */
export const MAIL_SEND_BUDGET_MS = 3_000;

/**
 * The daily sweep's time for mail, and for one send in it. The sweep function has 5 minutes and handles the
 * deadlines first; a send past its time counts as a failed attempt, and what is not tried once the sweep's time is
 * spent stays queued (digests kept) for the next run, so a hanging mail service never outlasts the function.
 */
export const MAIL_SWEEP_BUDGET = { totalMs: 120_000, sendMs: 15_000 };

/** `work` if it settles within `ms`; else a rejection (the late result of `work` is ignored, never unhandled). */
function within<T>(work: Promise<T>, ms: number): Promise<T> {
  work.catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer from the mail service within ${Math.round(ms)} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const linkOf = (mail: MailDeps, link: string) => `${mail.appUrl}${link}`;

export function noteMail(mail: MailDeps, user: User & { email: string }, note: MailNote): MailMessage {
  return {
    to: user.email,
    subject: `【绩效平台】${note.title}`,
    text: `${user.name}，您好：\n\n${note.message}\n\n查看详情：${linkOf(mail, note.link)}\n\n${SIGNATURE}\n`,
  };
}

export function digestMail(mail: MailDeps, user: User & { email: string }, items: DigestItem[]): MailMessage {
  const lines = items.map((d, i) => `${i + 1}. ${d.title}\n   ${d.message}\n   ${linkOf(mail, d.link)}`);
  return {
    to: user.email,
    subject: `【绩效平台】每日提醒汇总（${items.length} 条）`,
    text: `${user.name}，您好：\n\n过去一天平台有以下提醒：\n\n${lines.join('\n\n')}\n\n${SIGNATURE}\n`,
  };
}

const retryAt = (now: string, attempts: number) =>
  new Date(Date.parse(now) + RETRY_BASE_MS * 2 ** (attempts - 1)).toISOString();

/**
 * Email for notifications that were just delivered in the app: by each recipient's preference, sent at
 * once (a failure, or what is left once MAIL_SEND_BUDGET_MS is spent, is queued for the sweep to retry), kept for
 * the daily digest, or not sent. Never throws: the business action that raised the notifications has already
 * happened and must not fail on mail.
 */
export async function mailNotes(deps: Deps, users: User[], notes: MailNote[]): Promise<void> {
  const mail = deps.mail;
  if (!mail || !notes.length) return;
  const byId = new Map(users.map((u) => [u.id, u]));
  const digest: DigestItem[] = [];
  const started = performance.now();
  for (const note of notes) {
    const user = byId.get(note.userId);
    if (!user?.email || user.disabled || user.mailPreference === 'off') continue;
    if (user.mailPreference === 'digest') {
      digest.push({ id: deps.ids.newId(), userId: user.id, ...pick(note) });
      continue;
    }
    const message = noteMail(mail, user as User & { email: string }, note);
    try {
      const left = MAIL_SEND_BUDGET_MS - (performance.now() - started);
      if (left <= 0) throw new Error('not tried: the request had spent its time for mail');
      await within(mail.sender.send(message), left);
    } catch (err) {
      const now = deps.clock.now();
      const queued: QueuedMail = {
        id: deps.ids.newId(),
        userId: user.id,
        message,
        attempts: 1,
        nextAttemptAt: retryAt(now, 1),
        createdAt: now,
        lastError: String((err as Error).message ?? err).slice(0, 300),
      };
      await mail.store.enqueue(queued).catch((e) => deps.logger.error('mail queue failed', { error: String(e) }));
      deps.logger.warn('mail deferred', { userId: user.id, error: queued.lastError });
    }
  }
  if (digest.length)
    await mail.store.addDigest(digest).catch((e) => deps.logger.error('mail digest failed', { error: String(e) }));
}

const pick = (n: MailNote) => ({ title: n.title, message: n.message, link: n.link, at: n.at });

/**
 * The mail part of the daily sweep: queued messages are tried again (given up after MAIL_MAX_ATTEMPTS),
 * then each user's waiting digest items go out as one message (kept for the next day when sending fails;
 * dropped when the user has since turned email off or has no address). Bounded by `budget`: what it leaves
 * untried is counted as `deferred` and waits for the next run.
 */
export async function sweepMail(
  deps: Deps,
  budget = MAIL_SWEEP_BUDGET,
): Promise<{ retried: number; failed: number; digests: number; deferred: number }> {
  const mail = deps.mail;
  const result = { retried: 0, failed: 0, digests: 0, deferred: 0 };
  if (!mail) return result;
  const started = performance.now();
  const left = () => budget.totalMs - (performance.now() - started);
  const send = (message: MailMessage) => within(mail.sender.send(message), Math.min(left(), budget.sendMs));
  const now = deps.clock.now();
  for (const queued of await mail.store.due(now)) {
    if (left() <= 0) {
      result.deferred += 1;
      continue;
    }
    try {
      await send(queued.message);
      await mail.store.settle(queued, null);
      result.retried += 1;
    } catch (err) {
      const attempts = queued.attempts + 1;
      const lastError = String((err as Error).message ?? err).slice(0, 300);
      const next =
        attempts >= MAIL_MAX_ATTEMPTS
          ? null
          : { ...queued, attempts, lastError, nextAttemptAt: retryAt(now, attempts) };
      if (!next) deps.logger.error('mail given up', { id: queued.id, userId: queued.userId, error: lastError });
      await mail.store.settle(queued, next);
      result.failed += 1;
    }
  }
  const byUser = new Map<string, DigestItem[]>();
  for (const d of await mail.store.digests()) byUser.set(d.userId, [...(byUser.get(d.userId) ?? []), d]);
  for (const [userId, items] of byUser) {
    const user = await deps.users.getById(userId);
    if (!user?.email || user.disabled || user.mailPreference === 'off') {
      await mail.store.removeDigests(items);
      continue;
    }
    if (left() <= 0) {
      result.deferred += 1;
      continue;
    }
    try {
      await send(digestMail(mail, user as User & { email: string }, items));
      await mail.store.removeDigests(items);
      result.digests += 1;
    } catch (err) {
      deps.logger.warn('mail digest deferred', { userId, error: String((err as Error).message ?? err) });
    }
  }
  if (result.deferred) deps.logger.warn('mail sweep out of time', { deferred: result.deferred });
  return result;
}
