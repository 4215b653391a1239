/** What the domain needs to send email: a sender, a durable queue for retries and the daily digest. */

/** How a user wants email: each notification at once, one digest a day, or none. */
export type MailPreference = 'immediate' | 'digest' | 'off';

export const MAIL_PREFERENCES: readonly MailPreference[] = ['immediate', 'digest', 'off'];

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Delivers one message now; throws when the mail service refuses or cannot be reached. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

/** A message whose immediate delivery failed, retried by the daily sweep. */
export interface QueuedMail {
  id: string;
  userId: string;
  message: MailMessage;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  lastError?: string;
}

/** One notification waiting for a user's daily digest. */
export interface DigestItem {
  id: string;
  userId: string;
  title: string;
  message: string;
  link: string;
  at: string;
}

export interface MailStore {
  enqueue(mail: QueuedMail): Promise<void>;
  /** Queued messages whose next attempt is due (bounded pages). */
  due(now: string, limit?: number): Promise<QueuedMail[]>;
  /** Replaces a queued message by its next attempt, or drops it (`next` null: sent or given up). */
  settle(mail: QueuedMail, next: QueuedMail | null): Promise<void>;
  addDigest(items: DigestItem[]): Promise<void>;
  /** Every waiting digest item, oldest first (bounded pages). */
  digests(limit?: number): Promise<DigestItem[]>;
  removeDigests(items: DigestItem[]): Promise<void>;
}

export interface MailDeps {
  sender: MailSender;
  store: MailStore;
  /** Where links in a message point, e.g. https://jixiao.example.gov.cn (no trailing slash). */
  appUrl: string;
}
