import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createLocalJwt, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/adapters/identity/local-jwt';
import { rotatingKeyring } from '../../functions/adapters/identity/signing-keys';
import { secretsManagerKeySource } from '../../functions/entry/jwt-secret';
import { rotationHandler } from '../../functions/entry/rotate-signing-key';

/**
 * Rotating the platform's signing key (China identity): the rotation function's four steps against an in-memory
 * Secrets Manager that keeps staging labels as the service documents them (moving AWSCURRENT labels the version
 * before AWSPREVIOUS), and the API's keyring: a token signed with the previous key still verifies, one signed with
 * a key the secret never held does not, nor one two rotations old.
 */
const ARN = 'arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:SigningKey-abc';
const notFound = () => Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });

function fakeSecretsManager() {
  const versions = new Map<string, { value: string; stages: string[] }>();
  const first = randomUUID();
  versions.set(first, { value: randomBytes(32).toString('hex'), stages: ['AWSCURRENT'] });
  const calls: string[] = [];
  const byStage = (stage: string) => [...versions.entries()].find(([, v]) => v.stages.includes(stage));
  const label = (stage: string, id: string | undefined) => {
    for (const v of versions.values()) v.stages = v.stages.filter((s) => s !== stage);
    if (id) versions.get(id)?.stages.push(stage);
  };
  const client = {
    // biome-ignore lint/suspicious/noExplicitAny: a fake of the SDK's overloaded send
    async send(command: any): Promise<any> {
      const name = command.constructor.name as string;
      const input = command.input;
      calls.push(`${name}${input.VersionStage ? ` ${input.VersionStage}` : ''}`);
      if (input.SecretId !== undefined && input.SecretId !== ARN) throw notFound();
      switch (name) {
        case 'DescribeSecretCommand':
          return {
            RotationEnabled: true,
            VersionIdsToStages: Object.fromEntries([...versions].map(([id, v]) => [id, [...v.stages]])),
          };
        case 'GetSecretValueCommand': {
          const found = input.VersionId ? versions.get(input.VersionId) : undefined;
          const hit: [string, { value: string; stages: string[] }] | undefined = input.VersionId
            ? found && [input.VersionId, found]
            : byStage(input.VersionStage ?? 'AWSCURRENT');
          // A version reserved for a rotation has no value until createSecret writes one.
          if (!hit?.[1].value || (input.VersionStage && !hit[1].stages.includes(input.VersionStage))) throw notFound();
          return { VersionId: hit[0], SecretString: hit[1].value };
        }
        case 'GetRandomPasswordCommand':
          return { RandomPassword: randomBytes(32).toString('hex') };
        case 'PutSecretValueCommand':
          versions.set(input.ClientRequestToken, { value: input.SecretString, stages: input.VersionStages });
          return {};
        case 'UpdateSecretVersionStageCommand': {
          if (input.VersionStage === 'AWSCURRENT') label('AWSPREVIOUS', input.RemoveFromVersionId);
          label(input.VersionStage, input.MoveToVersionId);
          return {};
        }
        default:
          throw new Error(`unexpected ${name}`);
      }
    },
  };
  /** What Secrets Manager does on a scheduled rotation: a pending version without a value, then the four steps. */
  const rotate = async () => {
    const token = randomUUID();
    versions.set(token, { value: '', stages: ['AWSPENDING'] });
    const handler = rotationHandler(client);
    for (const Step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const)
      await handler({ SecretId: ARN, ClientRequestToken: token, Step });
    label('AWSPENDING', undefined); // the service drops the label once finishSecret succeeded
    return token;
  };
  return {
    client,
    versions,
    calls,
    rotate,
    stageOf: (stage: string) => byStage(stage)?.[0],
    handler: rotationHandler(client),
  };
}

const user = { id: 'u1', username: 'admin', tokenVersion: 0 } as Parameters<
  ReturnType<typeof createLocalJwt>['issuer']['issue']
>[0];
const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
const instance = (sm: ReturnType<typeof fakeSecretsManager>, now = () => Date.now()) =>
  createLocalJwt(rotatingKeyring(secretsManagerKeySource(sm.client, ARN), { now }));
const forged = (key: Uint8Array, kid?: string) =>
  new SignJWT({ tv: 0 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) })
    .setSubject('u1')
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);

describe('the rotation function', () => {
  it('makes a new 64-character key current and labels the one before AWSPREVIOUS', async () => {
    const sm = fakeSecretsManager();
    const before = sm.stageOf('AWSCURRENT');
    const token = await sm.rotate();
    expect(sm.stageOf('AWSCURRENT')).toBe(token);
    expect(sm.stageOf('AWSPREVIOUS')).toBe(before);
    expect(sm.stageOf('AWSPENDING')).toBeUndefined();
    expect(sm.versions.get(token)?.value).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it('runs a step again without harm, and refuses a pending key that is not 64 letters and digits', async () => {
    const sm = fakeSecretsManager();
    const token = randomUUID();
    sm.versions.set(token, { value: 'short', stages: ['AWSPENDING'] });
    await sm.handler({ SecretId: ARN, ClientRequestToken: token, Step: 'createSecret' });
    expect(sm.versions.get(token)?.value).toBe('short'); // an existing pending version is kept
    await expect(sm.handler({ SecretId: ARN, ClientRequestToken: token, Step: 'testSecret' })).rejects.toThrow(
      /64 letters/,
    );
    expect(sm.stageOf('AWSCURRENT')).not.toBe(token);
    await expect(sm.handler({ SecretId: ARN, ClientRequestToken: randomUUID(), Step: 'finishSecret' })).rejects.toThrow(
      /no version/,
    );
  });
});

describe('tokens across a rotation', () => {
  it('a token signed with the previous key still verifies; an unknown key or a key two rotations old does not', async () => {
    const sm = fakeSecretsManager();
    let now = Date.now();
    const a = instance(sm, () => now); // warm since before the rotation
    const t1 = (await a.issuer.issue(user)).token;
    expect(kidOf(t1)).toBe(sm.stageOf('AWSCURRENT'));
    await sm.rotate();

    const b = instance(sm); // a cold start after it
    expect(await b.verifier.verify(t1)).toEqual({ userId: 'u1', tokenVersion: 0 });
    const t2 = (await b.issuer.issue(user)).token;
    expect(kidOf(t2)).toBe(sm.stageOf('AWSCURRENT'));
    // The warm instance has not read the new key yet: the unknown version makes it read the secret again.
    now += 3_000;
    expect(await a.verifier.verify(t2)).toEqual({ userId: 'u1', tokenVersion: 0 });

    const stranger = randomBytes(32);
    for (const token of [
      await forged(stranger, sm.stageOf('AWSCURRENT')),
      await forged(stranger, 'not-a-version'),
      await forged(stranger),
    ])
      await expect(b.verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    await sm.rotate();
    const c = instance(sm);
    await expect(c.verifier.verify(t1)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await c.verifier.verify(t2)).toEqual({ userId: 'u1', tokenVersion: 0 });
  });

  it('unknown key versions read the secret at most once per 2 seconds; ids that are no version id never', async () => {
    const sm = fakeSecretsManager();
    let now = 1_000_000;
    const jwt = instance(sm, () => now);
    await jwt.issuer.issue(user);
    const reads = () => sm.calls.filter((c) => c.startsWith('GetSecretValueCommand AWSCURRENT')).length;
    const first = reads();
    const stranger = randomBytes(32);
    const refused = async (kid: string) =>
      expect(jwt.verifier.verify(await forged(stranger, kid))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    now += 3_000;
    for (let i = 0; i < 5; i++) await refused(randomUUID());
    expect(reads()).toBe(first + 1);
    now += 3_000;
    await refused('v9');
    expect(reads()).toBe(first + 1);
    await refused(randomUUID());
    expect(reads()).toBe(first + 2);
  });
});
