import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { senderAddress } from '../config';
import type { AppFunction } from '../constructs/app-function';

/**
 * Email through SES v2: a configuration set (reputation metrics, bounces and complaints suppressed) and,
 * for each function, ses:SendEmail on the sender's identity (the address, or its verified domain) and
 * the configuration set only, conditioned on the sender address. The identity itself is verified once by
 * hand in the SES console (README "Email").
 */
export function grantMail(scope: Construct, mail: { from: string; appUrl?: string }, fns: AppFunction[]) {
  const stack = Stack.of(scope);
  const address = senderAddress(mail.from) as string;
  const domain = address.split('@')[1];
  const configurationSet = new ses.ConfigurationSet(scope, 'MailConfigurationSet', {
    reputationMetrics: true,
    sendingEnabled: true,
    suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
  const arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'ses', resource, resourceName });
  const statement = new iam.PolicyStatement({
    sid: 'SendMailAsSender',
    actions: ['ses:SendEmail'],
    resources: [
      arn('identity', address),
      arn('identity', domain),
      arn('configuration-set', configurationSet.configurationSetName),
    ],
    conditions: { StringEquals: { 'ses:FromAddress': address } },
  });
  for (const f of fns) {
    f.role.addToPolicy(statement);
    f.fn.addEnvironment('MAIL_FROM', mail.from);
    f.fn.addEnvironment('MAIL_CONFIGURATION_SET', configurationSet.configurationSetName);
    if (mail.appUrl) f.fn.addEnvironment('APP_URL', mail.appUrl);
  }
  return configurationSet;
}
