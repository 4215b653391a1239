import type { MailSender } from '../../core/ports-mail';

export interface SmtpSenderOptions {
  host: string;
  port: number;
  from: string;
}

/**
 * Local mode: sends over SMTP with nodemailer to the mail catcher `npm start` runs (mail-catcher.ts).
 * nodemailer is loaded on first use, so the Lambda bundle never contains it.
 */
export function createSmtpSender(options: SmtpSenderOptions): MailSender {
  let transport: Promise<{ sendMail(m: Record<string, unknown>): Promise<unknown> }> | undefined;
  return {
    async send(message) {
      transport ??= import('nodemailer').then((m) =>
        m.default.createTransport({
          host: options.host,
          port: options.port,
          secure: false,
          ignoreTLS: true,
          // nodemailer waits 2 min to connect and 10 min on a silent socket by default.
          connectionTimeout: 2_000,
          greetingTimeout: 2_000,
          socketTimeout: 5_000,
        }),
      );
      await (await transport).sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
  };
}
