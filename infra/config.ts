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
  /** Deployment region. China regions (cn-*) are a different partition: see README "Deploy". */
  region: string;
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
  if (region.startsWith('cn-')) {
    throw new Error(
      'China regions (cn-*) are a separate partition: CloudFront needs an ICP-licensed custom domain and Cognito ' +
        'feature plans differ there. This app is not set up for them; see README "Deploy".',
    );
  }
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
  if (mailFrom !== undefined && !senderAddress(mailFrom))
    throw new Error(`context mailFrom "${mailFrom}" is not an address`);
  const appUrl = str('appUrl');
  if (appUrl !== undefined && !/^https:\/\/[^\s/]+$/.test(appUrl))
    throw new Error('context appUrl must be https://<host>');

  return {
    stage,
    region,
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
