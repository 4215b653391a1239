import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig, senderAddress } from '../../infra/config';
import { asArray, type Cfn, nagViolations, onlyResource, resourcesOf, type Synthesized, synthJixiao } from './synth';

/** Email through SES when the context names a sender (`-c mailFrom=…`); nothing of it otherwise. */
let s: Synthesized;
let plain: Synthesized;
beforeAll(() => {
  s = synthJixiao({
    context: { mailFrom: '绩效平台 <noreply@jixiao.example.gov.cn>', appUrl: 'https://jixiao.example.gov.cn' },
  });
  plain = synthJixiao();
});
afterAll(() => {
  s?.cleanup();
  plain?.cleanup();
});

const sesStatements = (t: Cfn) =>
  resourcesOf(t, 'AWS::IAM::Policy').flatMap(([, p]) =>
    (p.Properties.PolicyDocument.Statement as Cfn[])
      .filter((st) => asArray(st.Action).some((a: string) => a.startsWith('ses:')))
      .map((st) => ({ ...st, roles: p.Properties.Roles })),
  );

describe('SES email (context mailFrom)', () => {
  it('creates one configuration set with reputation metrics and bounce/complaint suppression', () => {
    const [, cs] = onlyResource(s.json.api, 'AWS::SES::ConfigurationSet');
    expect(cs.Properties.ReputationOptions).toEqual({ ReputationMetricsEnabled: true });
    expect(cs.Properties.SuppressionOptions).toEqual({ SuppressedReasons: ['BOUNCE', 'COMPLAINT'] });
  });

  it('lets the API and the sweep send only as the sender, through the configuration set', () => {
    const [csId] = onlyResource(s.json.api, 'AWS::SES::ConfigurationSet');
    const statements = sesStatements(s.json.api);
    const roles = statements.flatMap((st) => st.roles.map((r: Cfn) => r.Ref)).sort();
    const expected = [s.stacks.api.api.role, s.stacks.api.sweep.role]
      .map((r) => s.stacks.api.getLogicalId(r.node.defaultChild as Cfn))
      .sort();
    expect(roles).toEqual(expected);
    for (const st of statements) {
      expect(st.Action).toBe('ses:SendEmail');
      expect(st.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'noreply@jixiao.example.gov.cn' } });
      const resources = JSON.stringify(st.Resource);
      expect(asArray(st.Resource)).toHaveLength(3);
      expect(resources).toContain(':identity/noreply@jixiao.example.gov.cn');
      expect(resources).toContain(':identity/jixiao.example.gov.cn');
      expect(resources).toContain(':configuration-set/');
      expect(resources).toContain(csId);
      expect(resources).not.toContain('*');
    }
  });

  it('tells both functions the sender, the configuration set and the site address', () => {
    const [csId] = onlyResource(s.json.api, 'AWS::SES::ConfigurationSet');
    for (const fn of [s.stacks.api.api, s.stacks.api.sweep]) {
      const id = s.stacks.api.getLogicalId(fn.fn.node.defaultChild as Cfn);
      const env = s.json.api.Resources[id].Properties.Environment.Variables;
      expect(env.MAIL_FROM).toBe('绩效平台 <noreply@jixiao.example.gov.cn>');
      expect(env.MAIL_CONFIGURATION_SET).toEqual({ Ref: csId });
      expect(env.APP_URL).toBe('https://jixiao.example.gov.cn');
    }
  });

  it('has no unacknowledged cdk-nag finding', () => {
    expect(nagViolations(s.app)).toEqual([]);
  });

  it('without mailFrom: no configuration set, no SES permission, no mail variables', () => {
    expect(resourcesOf(plain.json.api, 'AWS::SES::ConfigurationSet')).toEqual([]);
    expect(sesStatements(plain.json.api)).toEqual([]);
    expect(JSON.stringify(plain.json.api)).not.toContain('MAIL_FROM');
  });

  it('refuses a mailFrom that is not an address', () => {
    expect(senderAddress('绩效平台 <noreply@x.gov.cn>')).toBe('noreply@x.gov.cn');
    expect(() => readConfig(new App({ context: { mailFrom: 'noreply' } }).node)).toThrow(/mailFrom/);
    expect(() => readConfig(new App({ context: { appUrl: 'http://x' } }).node)).toThrow(/appUrl/);
  });
});
