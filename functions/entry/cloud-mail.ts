import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { ComposeOptions } from '../adapters/compose';
import { createSesSender } from '../adapters/mail/ses-sender';
import type { Config } from './config';

/** SES v2 in the cloud when the stack set MAIL_FROM (CDK context `mailFrom`); no email otherwise. */
export function cloudMail(config: Config): ComposeOptions['mail'] {
  const { from, configurationSet, appUrl } = config.mail;
  if (!from || !configurationSet) return undefined;
  return {
    sender: createSesSender({ client: new SESv2Client({ region: config.region }), from, configurationSet }),
    appUrl: appUrl ?? '',
  };
}
