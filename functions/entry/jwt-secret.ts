import type { Config } from './config';

/**
 * The local-identity signing key: JWT_SECRET_ARN (Secrets Manager, rotatable; a new value takes effect
 * at the next cold start and ends the sessions signed with the old one) or JWT_SECRET. Never bundled.
 */
export async function loadJwtSecret(config: Pick<Config, 'jwtSecret' | 'jwtSecretArn' | 'region'>) {
  if (config.jwtSecretArn) {
    // Loaded only in this branch: a function given JWT_SECRET (or Cognito) never parses the Secrets Manager SDK.
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient({ region: config.region });
    const r = await client.send(new GetSecretValueCommand({ SecretId: config.jwtSecretArn }));
    if (!r.SecretString) throw new Error('JWT signing secret is empty');
    return new TextEncoder().encode(r.SecretString);
  }
  return new TextEncoder().encode(config.jwtSecret ?? '');
}
