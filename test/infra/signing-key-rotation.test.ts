import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_KEY_ROTATION_DAYS } from '../../infra/constructs/local-identity';
import { createJixiao } from '../../infra/jixiao';
import { asArray, type Cfn, cdkJsonContext, nagViolations, resourcesOf } from './synth';
import { synthChina } from './synth-cn';

/**
 * The platform's own identity rotates its signing key on a schedule, in both partitions: the China target
 * (aws-cn, cn-northwest-1) and a global region deployed with `-c identity=local`.
 */
interface Shape {
  app: App;
  api: Cfn;
  partition: string;
  cleanup(): void;
}
const shapes: Record<'aws-cn' | 'aws', Shape> = {} as Record<'aws-cn' | 'aws', Shape>;

beforeAll(() => {
  const cn = synthChina();
  shapes['aws-cn'] = { app: cn.app, api: cn.json.api, partition: 'aws-cn', cleanup: cn.cleanup };
  const work = mkdtempSync(join(tmpdir(), 'jixiao-infra-rot-'));
  const app = new App({
    outdir: join(work, 'cdk.out'),
    context: { ...cdkJsonContext(), stage: 'test', webDist: join(work, 'no-web'), identity: 'local' },
  });
  const stacks = createJixiao(app);
  const assembly = app.synth();
  shapes.aws = {
    app,
    api: assembly.getStackByName(stacks.api.stackName).template,
    partition: 'aws',
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  };
}, 300_000);
afterAll(() => {
  for (const s of Object.values(shapes)) s?.cleanup();
});

const statements = (t: Cfn) =>
  resourcesOf(t, 'AWS::IAM::Policy').map(([, p]) => ({
    roles: p.Properties.Roles as Cfn[],
    statements: p.Properties.PolicyDocument.Statement as Cfn[],
  }));

describe.each(['aws-cn', 'aws'] as const)('signing-key rotation (%s)', (partition) => {
  const api = () => shapes[partition].api;
  const rotationFn = () =>
    resourcesOf(api(), 'AWS::Lambda::Function').find(([id]) => id.startsWith('LocalIdentityRotation'));

  it('rotates the signing key every 30 days with its own function', () => {
    const [secretId] = resourcesOf(api(), 'AWS::SecretsManager::Secret')[0];
    const schedules = resourcesOf(api(), 'AWS::SecretsManager::RotationSchedule');
    expect(schedules).toHaveLength(1);
    const props = schedules[0][1].Properties;
    expect(props.SecretId).toEqual({ Ref: secretId });
    expect(props.RotationRules.ScheduleExpression).toBe(`rate(${SIGNING_KEY_ROTATION_DAYS} days)`);
    const fn = rotationFn();
    expect(fn).toBeDefined();
    expect(props.RotationLambdaARN).toEqual({ 'Fn::GetAtt': [fn?.[0], 'Arn'] });
    expect(fn?.[1].Properties.Runtime).toBe('nodejs22.x');
  });

  it('lets only Secrets Manager invoke it, for this secret', () => {
    const fnId = rotationFn()?.[0];
    const perms = resourcesOf(api(), 'AWS::Lambda::Permission').filter(([, p]) =>
      JSON.stringify(p.Properties.FunctionName).includes(fnId as string),
    );
    expect(perms).toHaveLength(1);
    expect(perms[0][1].Properties.Principal).toBe('secretsmanager.amazonaws.com');
  });

  it('gives the function the rotation actions on this secret only (GetRandomPassword has no resource)', () => {
    const [secretId] = resourcesOf(api(), 'AWS::SecretsManager::Secret')[0];
    const fnProps = rotationFn()?.[1].Properties;
    const own = statements(api())
      .filter(
        (p) =>
          JSON.stringify(p.roles) ===
          JSON.stringify([fnProps.Role['Fn::GetAtt'] ? { Ref: fnProps.Role['Fn::GetAtt'][0] } : fnProps.Role]),
      )
      .flatMap((p) => p.statements);
    const onSecret = own.filter((st) => asArray(st.Action).includes('secretsmanager:PutSecretValue'));
    expect(onSecret).toHaveLength(1);
    expect(onSecret[0].Resource).toEqual({ Ref: secretId });
    expect(asArray(onSecret[0].Action)).toEqual(
      expect.arrayContaining([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:UpdateSecretVersionStage',
      ]),
    );
    const star = own.filter((st) => st.Resource === '*');
    expect(star.flatMap((st) => asArray(st.Action)).filter((a) => !a.startsWith('xray:'))).toEqual([
      'secretsmanager:GetRandomPassword',
    ]);
    // Nothing of the table: the rotation touches the secret only.
    expect(JSON.stringify(own)).not.toContain('dynamodb:');
  });

  it('builds every ARN from the partition and stays cdk-nag clean', () => {
    const text = JSON.stringify(api());
    // The stacks are pinned to a region, so CDK writes the partition's own ARNs (e.g. the secret's resource policy).
    expect(text).toContain(`"arn:${partition}:`);
    if (partition === 'aws-cn') expect(text).not.toMatch(/arn:aws:/);
    expect(nagViolations(shapes[partition].app)).toEqual([]);
  });
});
