import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { ComposeOptions } from '../adapters/compose';
import { createSesSender } from '../adapters/mail/ses-sender';
import type { Config } from './config';

/** SES v2 in the cloud when the stack set MAIL_FROM (CDK context `mailFrom`); no email otherwise. */
export function cloudMail(config: Config): ComposeOptions['mail'] {
  const { from, configurationSet, appUrl } = config.mail;
  if (!from || !configurationSet) return undefined;
  // The SES client is made (and its module loaded) with the first email, not at a cold start.
  let client: Promise<SESv2Client> | undefined;
  const lazyClient: Pick<SESv2Client, 'send'> = {
    send: (async (command: Parameters<SESv2Client['send']>[0]) => {
      client ??= import('@aws-sdk/client-sesv2').then((m) => new m.SESv2Client({ region: config.region }));
      return (await client).send(command);
    }) as SESv2Client['send'],
  };
  return {
    sender: createSesSender({ client: lazyClient, from, configurationSet }),
    appUrl: appUrl ?? '',
  };
}
