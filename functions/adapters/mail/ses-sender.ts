import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailSender } from '../../core/ports-mail';

export interface SesSenderOptions {
  client: Pick<SESv2Client, 'send'>;
  /** The verified sender, e.g. 绩效平台 <noreply@example.gov.cn> or noreply@example.gov.cn. */
  from: string;
  /** SES configuration set (delivery events, reputation metrics). */
  configurationSet: string;
}

/** SES v2 SendEmail: plain-text UTF-8 message through the configuration set. */
export function createSesSender(options: SesSenderOptions): MailSender {
  return {
    async send(message) {
      // The SES SDK loads with the first email, not at a cold start.
      const { SendEmailCommand } = await import('@aws-sdk/client-sesv2');
      await options.client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [message.to] },
          ConfigurationSetName: options.configurationSet,
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    },
  };
}
