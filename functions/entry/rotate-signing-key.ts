import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';

/** What Secrets Manager sends the rotation function, once per step. */
export interface RotationEvent {
  SecretId: string;
  ClientRequestToken: string;
  Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
}

type Client = Pick<SecretsManagerClient, 'send'>;
const KEY = /^[A-Za-z0-9]{64}$/;

/**
 * Rotation of the platform's signing key (the four steps of a Secrets Manager rotation function). A new random
 * key becomes AWSPENDING, is checked, and becomes AWSCURRENT; Secrets Manager then labels the one before
 * AWSPREVIOUS, which the API keeps accepting (signing-keys.ts), so nobody is signed out. No other system holds
 * the key, so `setSecret` has nothing to do. Every step may run again after a failure: each checks first.
 */
export function rotationHandler(client: Client) {
  return async (event: RotationEvent): Promise<void> => {
    const { SecretId, ClientRequestToken: token, Step } = event;
    const meta = await client.send(new DescribeSecretCommand({ SecretId }));
    if (!meta.RotationEnabled) throw new Error('rotation is not enabled for this secret');
    const stages = meta.VersionIdsToStages?.[token];
    if (!stages) throw new Error('the rotation token is no version of this secret');
    if (stages.includes('AWSCURRENT')) return; // already finished
    if (!stages.includes('AWSPENDING')) throw new Error('the rotation token is not pending');

    if (Step === 'createSecret') {
      await client.send(new GetSecretValueCommand({ SecretId, VersionStage: 'AWSCURRENT' }));
      if (await pendingValue(client, SecretId, token)) return;
      const { RandomPassword } = await client.send(
        new GetRandomPasswordCommand({ PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false }),
      );
      await client.send(
        new PutSecretValueCommand({
          SecretId,
          ClientRequestToken: token,
          SecretString: RandomPassword,
          VersionStages: ['AWSPENDING'],
        }),
      );
    } else if (Step === 'testSecret') {
      const value = await pendingValue(client, SecretId, token);
      if (!value || !KEY.test(value)) throw new Error('the pending signing key is not 64 letters and digits');
    } else if (Step === 'finishSecret') {
      const current = Object.entries(meta.VersionIdsToStages ?? {}).find(([, s]) => s.includes('AWSCURRENT'))?.[0];
      await client.send(
        new UpdateSecretVersionStageCommand({
          SecretId,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: token,
          ...(current ? { RemoveFromVersionId: current } : {}),
        }),
      );
    } else if (Step !== 'setSecret') throw new Error(`unknown rotation step ${String(Step)}`);
  };
}

async function pendingValue(client: Client, SecretId: string, VersionId: string): Promise<string | null> {
  try {
    const r = await client.send(new GetSecretValueCommand({ SecretId, VersionId, VersionStage: 'AWSPENDING' }));
    return r.SecretString ?? null;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return null;
    throw err;
  }
}

export const handler = rotationHandler(new SecretsManagerClient({}));
