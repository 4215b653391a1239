import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CALL_TIMEOUTS } from '../adapters/aws-calls';
import { fixedKeyring, type KeySource, rotatingKeyring, type SigningKeyring } from '../adapters/identity/signing-keys';
import type { Config } from './config';

/** A staging label of the secret from Secrets Manager; null when no version carries it. */
export function secretsManagerKeySource(client: Pick<SecretsManagerClient, 'send'>, secretId: string): KeySource {
  return async (stage) => {
    // Loaded on first use: a function given JWT_SECRET (or Cognito) never parses the Secrets Manager SDK.
    const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    try {
      const r = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
      return r.VersionId && r.SecretString ? { versionId: r.VersionId, value: r.SecretString } : null;
    } catch (err) {
      // No AWSPREVIOUS before the first rotation.
      if ((err as { name?: string }).name === 'ResourceNotFoundException' && stage === 'AWSPREVIOUS') return null;
      throw err;
    }
  };
}

/**
 * The local-identity signing keys: JWT_SECRET_ARN (Secrets Manager, rotated on a schedule; the current and the
 * previous version verify, see signing-keys.ts) or a fixed JWT_SECRET. Read at cold start, never bundled.
 */
export async function loadSigningKeys(
  config: Pick<Config, 'jwtSecret' | 'jwtSecretArn' | 'region'>,
): Promise<SigningKeyring> {
  if (!config.jwtSecretArn) return fixedKeyring(new TextEncoder().encode(config.jwtSecret ?? ''));
  const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const keys = rotatingKeyring(
    secretsManagerKeySource(
      new SecretsManagerClient({ region: config.region, requestHandler: { ...CALL_TIMEOUTS } }),
      config.jwtSecretArn,
    ),
  );
  await keys.current(); // fail the cold start, not the first sign-in, when the secret cannot be read
  return keys;
}
