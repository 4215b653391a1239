import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nagViolations, resourcesOf, type Synthesized, synthJixiao } from './synth';

// The full app, including the web upload (BucketDeployment) that only exists when web/dist is built,
// so every acknowledgement in infra/ is exercised.
let s: Synthesized;
beforeAll(() => {
  s = synthJixiao({ withWebBuild: true });
});
afterAll(() => s?.cleanup());

/** Every acknowledgement recorded on the construct tree: rule id (without the Annotation:: prefix) and reason. */
function acknowledgements(): { path: string; id: string; reason: string }[] {
  const out: { path: string; id: string; reason: string }[] = [];
  for (const c of s.app.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(m.data as Record<string, string>)) {
        out.push({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return out;
}

describe('cdk-nag AwsSolutions', () => {
  it('the web upload is part of this synth', () => {
    expect(resourcesOf(s.json.web, 'Custom::CDKBucketDeployment')).toHaveLength(1);
  });

  it('has zero unacknowledged findings, errors and warnings alike', () => {
    expect(nagViolations(s.app)).toEqual([]);
  });

  it('the check itself does report findings (a bare bucket in a scratch app)', () => {
    const app = new App();
    new s3.Bucket(new Stack(app, 'Scratch'), 'Bare');
    const rules = nagViolations(app).map((v) => v.rule);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  it('no stack carries an error or warning annotation', () => {
    for (const stack of [s.stacks.data, s.stacks.auth, s.stacks.api, s.stacks.web]) {
      const a = Annotations.fromStack(stack);
      expect(a.findError('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(a.findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  });

  it('every acknowledgement names one AwsSolutions rule (IAM findings one by one) and gives a one-line reason', () => {
    const acks = acknowledgements();
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.id, a.path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      if (/^AwsSolutions-IAM[45]/.test(a.id))
        expect(a.id, `${a.path}: IAM findings are acknowledged one by one`).toContain('[');
      expect(a.reason.trim().length, a.path).toBeGreaterThan(20);
      expect(a.reason, a.path).not.toContain('\n');
    }
  });

  it('acknowledges exactly the expected rules, each on a resource, never on a whole stack or the app', () => {
    const acks = acknowledgements();
    const stackPaths = new Set([s.stacks.data, s.stacks.auth, s.stacks.api, s.stacks.web].map((x) => x.node.path));
    for (const a of acks) expect(stackPaths.has(a.path) || a.path === '', `${a.id} on ${a.path}`).toBe(false);
    const rules = [...new Set(acks.map((a) => a.id.replace(/\[.*$/, '')))].sort();
    expect(rules).toEqual(
      [
        'AwsSolutions-APIG4', // GET /api/health, POST /api/auth/login are public by design (docs/api.md)
        'AwsSolutions-CFR1', // geo restriction is a context switch
        'AwsSolutions-CFR2', // no WAF (cost, internal tool)
        'AwsSolutions-CFR4', // default CloudFront certificate
        'AwsSolutions-COG2', // MFA optional
        'AwsSolutions-IAM4', // CDK-owned BucketDeployment provider
        'AwsSolutions-IAM5', // X-Ray "*", scheduler <fn>:*, BucketDeployment provider
        'AwsSolutions-L1', // Node 22 by choice; BucketDeployment's Python
        'AwsSolutions-S1', // the log bucket itself
      ].sort(),
    );
    // Our own functions' roles acknowledge IAM5 only for X-Ray's Resource "*", and the API's for the two key
    // prefixes of the attachment bucket.
    const bucketObjects = (prefix: string) =>
      `AwsSolutions-IAM5[Resource::arn:aws:s3:::{"Fn::GetStackOutput":{"StackName":"Jixiao-test-Data","Region":"ap-southeast-1","OutputName":"AttachmentBucket"}}/${prefix}*]`;
    const expected = {
      api: ['AwsSolutions-IAM5[Resource::*]', bucketObjects('incoming/'), bucketObjects('files/')],
      sweep: ['AwsSolutions-IAM5[Resource::*]'],
    };
    for (const which of ['api', 'sweep'] as const) {
      const role = s.stacks.api[which].role.node.path;
      expect(acks.filter((a) => a.path === role).map((a) => a.id)).toEqual(expected[which]);
    }
  });
});
