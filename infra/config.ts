import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Node } from 'constructs';

/**
 * Deployment settings, all read from CDK context (cdk.json, overridable with `-c key=value`).
 * Never from CDK_DEFAULT_REGION / CDK_DEFAULT_ACCOUNT: the CLI fills those from whatever profile
 * happens to be active, which would make synthesis depend on the machine it runs on.
 */
export interface JixiaoConfig {
  /** Short stage name, part of every stack name: Jixiao-<stage>-Data … */
  stage: string;
  /** Deployment region. China regions (cn-*) are the `aws-cn` partition: see README "Deploy". */
  region: string;
  /** `aws-cn` for cn-north-1 (北京) and cn-northwest-1 (宁夏), `aws` otherwise. */
  partition: 'aws' | 'aws-cn';
  /**
   * Who says who a user is: a Cognito user pool (`cognito`, the Auth stack), or the platform's own accounts in
   * the table with a signing key in Secrets Manager (`local`). The China regions offer no Cognito user pools.
   */
  identity: 'cognito' | 'local';
  /** The ICP-filed custom domain (China): CloudFront serves it, `api.<domain>` fronts the HTTP API. */
  customDomain?: CustomDomain;
  /** Optional target account; stacks stay account-agnostic when it is absent. */
  account?: string;
  /** Absolute path of the built web app; uploaded only when the directory exists. */
  webDist: string;
  /** Cognito Plus threat protection: 'audit' records risk only, 'full' also blocks risky sign-ins. */
  threatProtection: 'audit' | 'full';
  /** ISO country codes allowed by CloudFront; empty means no geo restriction. */
  geoAllowlist: string[];
  apiThrottleRate: number;
  apiThrottleBurst: number;
  /** Verified SES sender (an address, or 名称 <address>); email is off when absent. */
  mailFrom?: string;
  /** The site address links in email point to (the Web stack's WebUrl or your own domain). */
  appUrl?: string;
  /** Origins (e.g. https://jixiao.example.gov.cn) whose pages may upload to and read from the attachment bucket. */
  webOrigins: string[];
}

/** The bureau's own host names and their certificates (required in the China regions). */
export interface CustomDomain {
  /** Site host name, e.g. jixiao.example.gov.cn (ICP-filed). */
  domainName: string;
  /** CloudFront certificate in the IAM certificate store (China CloudFront does not take ACM certificates). */
  iamCertificateId: string;
  /** API host name behind CloudFront (default api.<domainName>); the execute-api address is switched off. */
  apiDomainName: string;
  /** ACM certificate (imported) in the deployment region for apiDomainName. */
  apiCertificateArn: string;
}

/** Repository root (cdk.json lives there). */
export const ROOT = resolve(import.meta.dirname, '..');

const STAGE = /^[a-z][a-z0-9-]{0,15}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export function readConfig(node: Node): JixiaoConfig {
  const str = (key: string, fallback?: string): string | undefined => {
    const v = node.tryGetContext(key);
    return v === undefined || v === null || v === '' ? fallback : String(v);
  };
  const num = (key: string, fallback: number): number => {
    const v = Number(str(key, String(fallback)));
    if (!Number.isFinite(v) || v <= 0) throw new Error(`context ${key} must be a positive number`);
    return v;
  };

  const stage = str('stage', 'dev') as string;
  if (!STAGE.test(stage)) throw new Error(`context stage "${stage}" must match ${STAGE}`);
  const region = str('region', 'ap-southeast-1') as string;
  if (!REGION.test(region)) throw new Error(`context region "${region}" is not a region name`);
  const partition = region.startsWith('cn-') ? 'aws-cn' : 'aws';
  const account = str('account');
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new Error('context account must be 12 digits');
  const threatProtection = str('threatProtection', 'audit');
  if (threatProtection !== 'audit' && threatProtection !== 'full') {
    throw new Error('context threatProtection must be "audit" or "full"');
  }
  const webDistRaw = str('webDist', 'web/dist') as string;
  const geoAllowlist = (str('geoAllowlist', '') as string)
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  for (const c of geoAllowlist)
    if (!/^[A-Z]{2}$/.test(c)) throw new Error(`geoAllowlist: "${c}" is not a country code`);
  const mailFrom = str('mailFrom');
  if (mailFrom !== undefined && partition === 'aws-cn')
    throw new Error(
      'context mailFrom: Amazon SES is not offered in the China regions; email stays off there ' +
        '(every notice is in the in-app notification center). Remove mailFrom.',
    );
  if (mailFrom !== undefined && !senderAddress(mailFrom))
    throw new Error(`context mailFrom "${mailFrom}" is not an address`);
  const appUrl = str('appUrl');
  if (appUrl !== undefined && !/^https:\/\/[^\s/]+$/.test(appUrl))
    throw new Error('context appUrl must be https://<host>');

  const identity = str('identity', partition === 'aws-cn' ? 'local' : 'cognito');
  if (identity !== 'cognito' && identity !== 'local') throw new Error('context identity must be "cognito" or "local"');
  if (identity === 'cognito' && partition === 'aws-cn')
    throw new Error('context identity: Cognito user pools are not offered in the China regions; use identity=local');
  const customDomain = readCustomDomain(str, partition, region);

  return {
    stage,
    region,
    partition,
    identity,
    ...(customDomain ? { customDomain } : {}),
    account,
    webDist: isAbsolute(webDistRaw) ? webDistRaw : resolve(ROOT, webDistRaw),
    threatProtection,
    geoAllowlist,
    apiThrottleRate: num('apiThrottleRate', 50),
    apiThrottleBurst: num('apiThrottleBurst', 100),
    ...(mailFrom ? { mailFrom } : {}),
    ...(appUrl ? { appUrl } : {}),
    webOrigins: webOrigins(str('webOrigin', '') as string),
  };
}

const HOST = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * China: CloudFront serves content only on an ICP-filed alternate domain with a certificate from the IAM
 * certificate store, and the API needs the same domain family. Synth refuses a China region without them.
 */
function readCustomDomain(
  str: (key: string) => string | undefined,
  partition: 'aws' | 'aws-cn',
  region: string,
): CustomDomain | undefined {
  const domainName = str('domainName')?.toLowerCase();
  const iamCertificateId = str('iamCertificateId');
  const apiCertificateArn = str('apiCertificateArn');
  if (partition === 'aws') {
    if (domainName || iamCertificateId || apiCertificateArn)
      throw new Error('context domainName / iamCertificateId / apiCertificateArn are for the China regions only');
    return undefined;
  }
  const missing = [
    ['domainName', domainName],
    ['iamCertificateId', iamCertificateId],
    ['apiCertificateArn', apiCertificateArn],
  ]
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length)
    throw new Error(
      `China regions need the bureau's ICP-filed domain and its certificates; missing context ${missing.join(', ')}. ` +
        'Example: -c domainName=jixiao.example.gov.cn -c iamCertificateId=ASCAEXAMPLE123 ' +
        '-c apiCertificateArn=arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/… (README "Deploy", China).',
    );
  const apiDomainName = (str('apiDomainName') ?? `api.${domainName}`).toLowerCase();
  for (const [k, v] of [
    ['domainName', domainName],
    ['apiDomainName', apiDomainName],
  ] as const)
    if (!HOST.test(v as string)) throw new Error(`context ${k} "${v}" is not a host name`);
  if (!/^[A-Z0-9]{16,128}$/.test(iamCertificateId as string))
    throw new Error('context iamCertificateId must be the ServerCertificateId of an IAM server certificate (ASCA…)');
  if (!/^arn:aws-cn:acm:cn-[a-z]+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/.test(apiCertificateArn as string))
    throw new Error(
      'context apiCertificateArn must be an ACM certificate ARN in the China partition (arn:aws-cn:acm:…)',
    );
  if (!(apiCertificateArn as string).startsWith(`arn:aws-cn:acm:${region}:`))
    throw new Error(`context apiCertificateArn must be a certificate in ${region}, the region the API runs in`);
  return {
    domainName: domainName as string,
    iamCertificateId: iamCertificateId as string,
    apiDomainName,
    apiCertificateArn: apiCertificateArn as string,
  };
}

/** The bare address of a sender (`noreply@x.gov.cn` or `绩效平台 <noreply@x.gov.cn>`), or undefined. */
export function senderAddress(from: string): string | undefined {
  const m = /^(?:[^<>]*<)?([^\s<>@]+@[^\s<>@]+\.[a-z]{2,})>?$/i.exec(from.trim());
  return m?.[1].toLowerCase();
}

/** The web build is deployed only when it exists (and holds an index.html), so synth works without it. */
export function hasWebBuild(dir: string): boolean {
  return existsSync(resolve(dir, 'index.html'));
}

function webOrigins(raw: string): string[] {
  const list = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of list)
    if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(o)) throw new Error(`webOrigin: "${o}" is not an https origin`);
  return list;
}
