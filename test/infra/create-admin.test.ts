import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../functions/adapters/dynamodb/client';
import { type LocalDynamo, startLocalDynamo } from '../../functions/adapters/dynamodb/local-server';
import { createOrgRepository } from '../../functions/adapters/dynamodb/org-repository';
import { ensureTable } from '../../functions/adapters/dynamodb/table';
import { createUserRepository } from '../../functions/adapters/dynamodb/user-repository';

const ROOT = resolve(import.meta.dirname, '../..');
const SUB = '0f0e0d0c-1111-4222-8333-944445555666';
const TABLE = 'create-admin-test';
const POOL = 'ap-southeast-1_TestPool1';

let dynamo: LocalDynamo;
let work: string;
let awsLog: string;

/** A stand-in `aws` CLI on PATH: logs argv and stdin, answers like Cognito does. */
const FAKE_AWS = `#!/bin/sh
input=$(cat)
printf '%s\\n' "ARGS $*" "STDIN $input" >> "$FAKE_AWS_LOG"
case "$2" in
  admin-create-user)
    if [ -n "$FAKE_AWS_EXISTS" ]; then echo "An error occurred (UsernameExistsException) when calling the AdminCreateUser operation: User account already exists" >&2; exit 254; fi
    echo '{"User":{"Username":"boss","Attributes":[{"Name":"sub","Value":"${SUB}"}]}}' ;;
  admin-set-user-password) ;;
  admin-get-user) echo '{"Username":"boss","UserAttributes":[{"Name":"sub","Value":"${SUB}"}]}' ;;
  *) echo "unexpected $2" >&2; exit 2 ;;
esac
`;

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'infra/scripts/create-admin.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: `${work}:${process.env.PATH}`,
      HOME: process.env.HOME,
      FAKE_AWS_LOG: awsLog,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
  });
}
const common = ['--stage', 'test', '--region', 'ap-southeast-1', '--table', TABLE, '--user-pool-id', POOL];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'jixiao-create-admin-'));
  awsLog = join(work, 'aws.log');
  writeFileSync(join(work, 'aws'), FAKE_AWS);
  chmodSync(join(work, 'aws'), 0o755);
  dynamo = await startLocalDynamo();
  const db = createDb({ tableName: TABLE, endpoint: dynamo.endpoint });
  await ensureTable(db.raw, TABLE);
  common.push('--endpoint', dynamo.endpoint);
});
afterAll(async () => {
  await dynamo?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('infra/scripts/create-admin.ts (fake aws CLI, DynamoDB Local)', () => {
  it('refuses an unknown unit on an empty table', () => {
    const r = run([...common, '--username', 'boss', '--name', '管理员', '--unit', 'wlxx'], {
      ADMIN_PASSWORD: 'Secret-Pass-123!',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('does not exist');
  });

  it('with --seed: seeds the organisation (no demo users), creates the Cognito user and the linked app user', async () => {
    const r = run([...common, '--seed', '--username', 'boss', '--name', '管理员', '--unit', 'wlxx'], {
      ADMIN_PASSWORD: 'Secret-Pass-123!',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const db = createDb({ tableName: TABLE, endpoint: dynamo.endpoint });
    expect(await createOrgRepository(db).getUnit('wlxx')).toMatchObject({ id: 'wlxx' });
    const users = createUserRepository(db);
    expect(await users.getByUsername('admin')).toBeNull(); // demo users stay local
    const boss = await users.getByUsername('boss');
    expect(boss).toMatchObject({
      username: 'boss',
      name: '管理员',
      unitId: 'wlxx',
      roles: ['admin'],
      externalSub: SUB,
    });
    expect(boss?.passwordHash).toBeUndefined();
    // the password went over stdin, never on a command line
    const log = readFileSync(awsLog, 'utf8');
    expect(log).toContain('ARGS cognito-idp admin-create-user');
    expect(log).toContain('ARGS cognito-idp admin-set-user-password');
    for (const line of log.split('\n').filter((l) => l.startsWith('ARGS')))
      expect(line).not.toContain('Secret-Pass-123!');
    expect(log).toContain('"Permanent":true');
  });

  it('is safe to re-run: an existing app user is left alone', () => {
    const r = run([...common, '--username', 'boss', '--name', '管理员', '--unit', 'wlxx'], {
      ADMIN_PASSWORD: 'Secret-Pass-123!',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('already exists');
  });

  it('links an existing Cognito user instead of failing', async () => {
    const r = run([...common, '--username', 'boss2', '--name', '审核员', '--unit', 'jxpj', '--roles', 'reviewer'], {
      FAKE_AWS_EXISTS: '1',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const db = createDb({ tableName: TABLE, endpoint: dynamo.endpoint });
    expect(await createUserRepository(db).getByUsername('boss2')).toMatchObject({
      roles: ['reviewer'],
      externalSub: SUB,
    });
  });

  it('rejects unknown roles', () => {
    const r = run([...common, '--username', 'x', '--name', 'x', '--unit', 'wlxx', '--roles', 'root']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('unknown role');
  });
});
