import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config';
import { cdkJsonContext } from './synth';

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

  it('refuses China regions (separate partition, ICP-licensed domain needed)', () => {
    expect(() => config({ region: 'cn-north-1' })).toThrow(/China regions/);
    expect(() => config({ region: 'cn-northwest-1' })).toThrow(/China regions/);
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
