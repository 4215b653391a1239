import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { freePort, killWithThisProcess } from '../dynamodb/local-server';

/** The emulator's pool as the API is configured with it (AUTH_MODE=cognito + COGNITO_*). */
export interface EmulatedPool {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  issuer: string;
  jwks: Jwks;
  stop(): Promise<void>;
}

export const EMULATOR_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * cognito-local (dev dependency) as a child process on 127.0.0.1, its data under `dataDir`; on first
 * start it creates the pool and the web client (USER_PASSWORD_AUTH, refresh, revocation) and writes
 * their ids to `dataDir/pool.json`. Its keys are served over plain http, so they are handed to the
 * verifier as configuration (COGNITO_JWKS).
 */
export async function startCognitoEmulator(dataDir: string): Promise<EmulatedPool> {
  mkdirSync(join(dataDir, '.cognito'), { recursive: true });
  // Plain user names (the emulator's default pool wants e-mail addresses).
  writeFileSync(
    join(dataDir, '.cognito', 'config.json'),
    JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }),
  );
  const port = await freePort();
  const bin = join(dirname(createRequire(import.meta.url).resolve('cognito-local/package.json')), 'lib/bin/start.js');
  const child: ChildProcess = spawn(process.execPath, [bin], {
    cwd: dataDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DEBUG: '' },
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((ok) => {
      if (child.exitCode !== null) return ok();
      child.once('exit', () => ok());
      child.kill('SIGTERM');
    });
  // Gone with this process, even when it is killed with SIGKILL (a crash leaves no emulator behind).
  killWithThisProcess(child.pid);
  try {
    await waitForHttp(endpoint, child);
    const ids = await ensurePool(endpoint, join(dataDir, 'pool.json'));
    const issuer = `${endpoint}/${ids.userPoolId}`;
    const jwks = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as Jwks;
    return { endpoint, ...ids, issuer, jwks, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitForHttp(endpoint: string, child: ChildProcess) {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error('cognito-local exited while starting');
    try {
      await fetch(endpoint, { method: 'POST' });
      return;
    } catch {
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  throw new Error('cognito-local did not start within 15 s');
}

async function ensurePool(endpoint: string, file: string): Promise<{ userPoolId: string; clientId: string }> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const client = new CognitoIdentityProviderClient({ endpoint, region: 'local', credentials: EMULATOR_CREDENTIALS });
  const pool = await client.send(new CreateUserPoolCommand({ PoolName: 'jixiao-local' }));
  const userPoolId = pool.UserPool?.Id as string;
  const app = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: true,
    }),
  );
  const ids = { userPoolId, clientId: app.UserPoolClient?.ClientId as string };
  writeFileSync(file, JSON.stringify(ids, null, 2));
  return ids;
}
