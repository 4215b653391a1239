import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config';
import { cdkJsonContext } from './synth';
import { CHINA_CONTEXT } from './synth-cn';

const cdkJson = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../cdk.json'), 'utf8'));
const config = (context: Record<string, unknown>) =>
  readConfig(new App({ context: { ...cdkJsonContext(), ...context } }).node);

describe('cdk.json: synth works offline', () => {
  it('runs the TypeScript app through tsx, without notices or telemetry', () => {
    expect(cdkJson.app).toBe('npx tsx infra/app.ts');
    expect(cdkJson.notices).toBe(false);
    expect(cdkJson.context['cli-telemetry']).toBe(false);
  });

  it('takes the region from context (default ap-southeast-1), never from CDK_DEFAULT_REGION', () => {
    const before = process.env.CDK_DEFAULT_REGION;
    process.env.CDK_DEFAULT_REGION = 'us-east-1';
    try {
      expect(config({}).region).toBe('ap-southeast-1');
      expect(config({ region: 'eu-central-1' }).region).toBe('eu-central-1');
    } finally {
      if (before === undefined) delete process.env.CDK_DEFAULT_REGION;
      else process.env.CDK_DEFAULT_REGION = before;
    }
  });
});

describe('readConfig', () => {
  it('defaults', () => {
    const c = config({});
    expect(c).toMatchObject({ stage: 'dev', threatProtection: 'audit', geoAllowlist: [], account: undefined });
    expect(c.webDist).toBe(resolve(import.meta.dirname, '../../web/dist'));
  });

  it("China regions are the aws-cn partition with the platform's own identity, and need the ICP domain", () => {
    for (const region of ['cn-northwest-1', 'cn-north-1']) {
      expect(() => config({ region })).toThrow(/missing context domainName, iamCertificateId, apiCertificateArn/);
      const c = config({
        ...CHINA_CONTEXT,
        region,
        apiCertificateArn: CHINA_CONTEXT.apiCertificateArn.replace('cn-northwest-1', region),
      });
      expect(c).toMatchObject({ partition: 'aws-cn', identity: 'local' });
      expect(c.customDomain).toEqual({
        domainName: 'jixiao.example.gov.cn',
        iamCertificateId: CHINA_CONTEXT.iamCertificateId,
        apiDomainName: 'api.jixiao.example.gov.cn',
        apiCertificateArn: expect.stringContaining(`:acm:${region}:`),
      });
    }
    expect(config({}).partition).toBe('aws');
    expect(config({}).identity).toBe('cognito');
  });

  it("refuses in China what China lacks or what is not the bureau's domain", () => {
    expect(() => config({ ...CHINA_CONTEXT, identity: 'cognito' })).toThrow(/Cognito user pools are not offered/);
    expect(() => config({ ...CHINA_CONTEXT, mailFrom: 'noreply@example.gov.cn' })).toThrow(/SES is not offered/);
    expect(() => config({ ...CHINA_CONTEXT, domainName: 'not a host' })).toThrow(/domainName .* is not a host name/);
    expect(() => config({ ...CHINA_CONTEXT, iamCertificateId: 'arn:aws-cn:iam::1:server-certificate/x' })).toThrow(
      /iamCertificateId/,
    );
    expect(() =>
      config({ ...CHINA_CONTEXT, apiCertificateArn: CHINA_CONTEXT.apiCertificateArn.replace('aws-cn', 'aws') }),
    ).toThrow(/China partition/);
    // The API certificate must live where the API runs.
    expect(() => config({ ...CHINA_CONTEXT, region: 'cn-north-1' })).toThrow(/certificate in cn-north-1/);
    expect(config({ ...CHINA_CONTEXT, apiDomainName: 'jxapi.example.gov.cn' }).customDomain?.apiDomainName).toBe(
      'jxapi.example.gov.cn',
    );
    // The China-only settings are refused elsewhere rather than silently ignored.
    expect(() => config({ domainName: 'jixiao.example.gov.cn' })).toThrow(/China regions only/);
    expect(config({ identity: 'local' }).identity).toBe('local');
  });

  it('validates stage, region, account, threat protection and country codes', () => {
    expect(() => config({ stage: 'Prod!' })).toThrow(/stage/);
    expect(() => config({ region: 'mars' })).toThrow(/region/);
    expect(() => config({ account: '12345' })).toThrow(/account/);
    expect(() => config({ threatProtection: 'max' })).toThrow(/threatProtection/);
    expect(() => config({ geoAllowlist: 'CN,China' })).toThrow(/geoAllowlist/);
    expect(config({ geoAllowlist: 'cn, hk' }).geoAllowlist).toEqual(['CN', 'HK']);
    expect(config({ account: '123456789012' }).account).toBe('123456789012');
  });
});
