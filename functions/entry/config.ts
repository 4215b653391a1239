import type { Jwks } from 'aws-jwt-verify/jwk';
/** Configuration read once, typed, failing fast (Powertools habit). */
export interface Config {
  tableName: string;
  dynamoEndpoint?: string;
  region: string;
  authMode: 'local' | 'cognito';
  cognito?: {
    userPoolId: string;
    clientId: string;
    /** Only for an emulated pool: its endpoint, issuer and keys (COGNITO_ENDPOINT, COGNITO_ISSUER, COGNITO_JWKS). */
    endpoint?: string;
    issuer?: string;
    jwks?: Jwks;
  };
  jwtSecret?: string;
  /** Local identity in the cloud (China regions): the signing key is read from Secrets Manager at cold start. */
  jwtSecretArn?: string;
  demoPassword: string;
  port: number;
  /** Address the local server listens on: loopback by default, 0.0.0.0 to serve the office LAN. */
  host: string;
  /** Peers whose X-Forwarded-For is believed (a reverse proxy in front of the local server). */
  trustedProxies: string[];
  dataDir: string;
  logLevel: 'info' | 'silent';
  /** Email: verified sender and SES configuration set (cloud), app address for links. */
  mail: { from?: string; configurationSet?: string; appUrl?: string; catcherPort: number };
  /** S3 bucket of attachment bytes (cloud); without it they live under DATA_DIR/files. */
  attachmentBucket?: string;
  /** An S3-compatible endpoint for that bucket instead of AWS (an emulator, MinIO); path-style addressing. */
  attachmentS3Endpoint?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const authMode = (env.AUTH_MODE ?? 'local') as Config['authMode'];
  if (authMode !== 'local' && authMode !== 'cognito')
    throw new Error(`AUTH_MODE must be local or cognito, got ${authMode}`);
  if (authMode === 'cognito' && (!env.COGNITO_USER_POOL_ID || !env.COGNITO_CLIENT_ID)) {
    throw new Error('AUTH_MODE=cognito needs COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID');
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    tableName: env.TABLE_NAME ?? 'jixiao',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION ?? 'ap-southeast-1',
    authMode,
    cognito:
      authMode === 'cognito'
        ? {
            userPoolId: env.COGNITO_USER_POOL_ID as string,
            clientId: env.COGNITO_CLIENT_ID as string,
            endpoint: env.COGNITO_ENDPOINT || undefined,
            issuer: env.COGNITO_ISSUER || undefined,
            jwks: env.COGNITO_JWKS ? parseJwks(env.COGNITO_JWKS) : undefined,
          }
        : undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    jwtSecretArn: env.JWT_SECRET_ARN || undefined,
    demoPassword: env.DEMO_PASSWORD ?? 'demo1234',
    port,
    host: env.HOST || '127.0.0.1',
    trustedProxies: (env.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    dataDir: env.DATA_DIR ?? '.data',
    logLevel: env.LOG_LEVEL === 'silent' ? 'silent' : 'info',
    mail: {
      from: env.MAIL_FROM || undefined,
      configurationSet: env.MAIL_CONFIGURATION_SET || undefined,
      appUrl: env.APP_URL?.replace(/\/+$/, '') || undefined,
      catcherPort: Number(env.MAIL_CATCHER_PORT ?? 0),
    },
    attachmentBucket: env.ATTACHMENT_BUCKET || undefined,
    attachmentS3Endpoint: env.ATTACHMENT_S3_ENDPOINT || undefined,
  };
}

function parseJwks(text: string): Jwks {
  const jwks = JSON.parse(text);
  if (!Array.isArray(jwks?.keys)) throw new Error('COGNITO_JWKS must be a JSON Web Key Set ({"keys":[…]})');
  return jwks;
}
