import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { CALL_TIMEOUTS } from '../adapters/aws-calls';
import type { ComposeOptions } from '../adapters/compose';
import { createSesSender } from '../adapters/mail/ses-sender';
import type { Config } from './config';

/** SES v2 in the cloud when the stack set MAIL_FROM (CDK context `mailFrom`); no email otherwise. */
export function cloudMail(config: Config): ComposeOptions['mail'] {
  const { from, configurationSet, appUrl } = config.mail;
  if (!from || !configurationSet) return undefined;
  // The SES client is made with the first email: a cold start does not load the SES SDK.
  let ses: Promise<SESv2Client> | undefined;
  const client = {
    async send(command: Parameters<SESv2Client['send']>[0]) {
      ses ??= import('@aws-sdk/client-sesv2').then(
        (m) => new m.SESv2Client({ region: config.region, requestHandler: { ...CALL_TIMEOUTS } }),
      );
      return (await ses).send(command);
    },
  } as Pick<SESv2Client, 'send'>;
  return {
    sender: createSesSender({ client, from, configurationSet }),
    appUrl: appUrl ?? '',
  };
}
