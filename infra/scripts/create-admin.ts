/**
 * Creates the first administrator of a deployed stage: the Cognito identity (who they are) and the
 * app's own user record (unit and roles: what they may do), linked by `externalSub`. Optionally
 * seeds the built-in organisation, chains and forms first (never the demo users).
 *
 *   npm run deploy -- --outputs-file cdk-outputs.json
 *   ADMIN_PASSWORD='…' npx tsx infra/scripts/create-admin.ts --stage dev \
 *     --username admin --name 系统管理员 --unit <unitId> [--seed]
 *
 * Table and user pool come from cdk-outputs.json (or --table / --user-pool-id). The Cognito calls go
 * through the AWS CLI (v2) because the Cognito SDK client is not a dependency of this package; the
 * password travels on stdin, never on a command line. Safe to re-run: an existing Cognito user is
 * reused, an existing app user is reported and left alone.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Role, User } from '../../functions/core/model';

const ROOT = resolve(import.meta.dirname, '../..');
const ROLES: Role[] = ['filler', 'leader', 'reviewer', 'admin'];

const { values: args } = parseArgs({
  options: {
    stage: { type: 'string', default: 'dev' },
    region: { type: 'string' },
    outputs: { type: 'string', default: 'cdk-outputs.json' },
    table: { type: 'string' },
    'user-pool-id': { type: 'string' },
    /** The platform's own identity (China regions: no user pool): the password is stored as a scrypt hash. */
    local: { type: 'boolean', default: false },
    /** DynamoDB endpoint override (DynamoDB Local), for trying the script out and for its test. */
    endpoint: { type: 'string' },
    username: { type: 'string' },
    name: { type: 'string' },
    unit: { type: 'string' },
    roles: { type: 'string', default: 'admin' },
    seed: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`create-admin: ${message}`);
  process.exit(1);
}

if (args.help || !args.username || !args.name || !args.unit) {
  console.log(
    'usage: ADMIN_PASSWORD=… npx tsx infra/scripts/create-admin.ts --stage <stage> --username <u> --name <显示名> ' +
      '--unit <unitId> [--roles admin,reviewer] [--seed] [--region r] [--outputs cdk-outputs.json | --table T --user-pool-id P]',
  );
  process.exit(args.help ? 0 : 1);
}

const cdkContext = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).context ?? {};
const region = args.region ?? process.env.AWS_REGION ?? cdkContext.region;
const outputsPath = resolve(args.outputs as string);
const outputs: Record<string, Record<string, string>> = existsSync(outputsPath)
  ? JSON.parse(readFileSync(outputsPath, 'utf8'))
  : {};
const stackOutput = (part: string, key: string) => outputs[`Jixiao-${args.stage}-${part}`]?.[key];
const tableName = args.table ?? stackOutput('Data', 'TableName');
const userPoolId = args['user-pool-id'] ?? stackOutput('Auth', 'UserPoolId');
const localIdentity = args.local || String(region ?? '').startsWith('cn-');
if (!tableName || (!userPoolId && !localIdentity)) {
  fail(`table / user pool unknown: pass --table and --user-pool-id, or deploy with --outputs-file ${args.outputs}`);
}
const roles = (args.roles as string).split(',').map((r) => r.trim()) as Role[];
for (const r of roles) if (!ROLES.includes(r)) fail(`unknown role "${r}" (one of ${ROLES.join(', ')})`);
const username = args.username.trim();

/** AWS CLI call with the request as JSON on stdin (keeps the password off the process list). */
function cognito(command: string, input: Record<string, unknown>): Record<string, unknown> {
  const out = execFileSync(
    'aws',
    ['cognito-idp', command, '--region', region, '--output', 'json', '--cli-input-json', 'file:///dev/stdin'],
    { input: JSON.stringify(input), encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] },
  );
  return out.trim() ? JSON.parse(out) : {};
}
const subOf = (attributes: unknown) =>
  (attributes as { Name: string; Value: string }[] | undefined)?.find((a) => a.Name === 'sub')?.Value;

/** The app's user record of the new administrator; `identity` links it to who they are. */
const appUser = (unitId: string, identity: Pick<User, 'passwordHash'> | Pick<User, 'externalSub'>): User => ({
  id: randomUUID(),
  username,
  name: args.name as string,
  unitId,
  roles,
  ...identity,
  createdAt: new Date().toISOString(),
});

async function main() {
  // Loaded only once the arguments are known to be good (they pull in the whole app).
  const { composeDeps } = await import('../../functions/adapters/compose');
  const { loadCatalog } = await import('../../functions/adapters/catalog/load-catalog');
  const { installCatalog } = await import('../../functions/core/use-cases/catalog/install-catalog');
  const deps = composeDeps({
    tableName,
    region,
    endpoint: args.endpoint,
    auth: localIdentity
      ? { mode: 'local', secret: randomBytes(32) }
      : { mode: 'cognito', userPoolId: userPoolId as string, clientId: 'unused-by-this-script' },
  });

  if (args.seed) {
    // The built-in organisation, settings, chains and forms; no demo users in the cloud.
    const catalog = { ...loadCatalog(join(ROOT, 'forms')), users: [] };
    const { created } = await installCatalog(deps, catalog, '');
    console.log(`seeded ${created.length} item(s)${created.length ? `: ${created.join(', ')}` : ''}`);
  }

  const unit = await deps.org.getUnit(args.unit as string);
  if (!unit) fail(`unit "${args.unit}" does not exist in ${tableName} (seed it first with --seed)`);

  const existing = await deps.users.getByUsername(username);
  if (existing) {
    console.log(`app user "${username}" already exists (id ${existing.id}); nothing changed`);
    return;
  }

  if (localIdentity) {
    // Own identity: the app's user record holds the scrypt hash; the password policy of first sign-in applies.
    const generated = !process.env.ADMIN_PASSWORD;
    const password = process.env.ADMIN_PASSWORD ?? `Jx-${randomBytes(12).toString('base64url')}a1!`;
    const { passwordProblems } = await import('../../functions/core/use-cases/identity/password-policy');
    const problems = passwordProblems(password, username, '/ADMIN_PASSWORD');
    if (problems.length) fail(problems.map((p) => p.message).join('; '));
    const user = appUser(unit.id, { passwordHash: await deps.passwords.hash(password) });
    await deps.users.create(user);
    if (generated) console.log(`generated password for ${username} (shown once): ${password}`);
    console.log(`created ${roles.join('+')} "${username}" (${user.name}, ${unit.name}) — id ${user.id}, own identity`);
    return;
  }

  // 1. Cognito identity (reused when it exists already).
  let sub: string | undefined;
  try {
    const created = cognito('admin-create-user', {
      UserPoolId: userPoolId as string,
      Username: username,
      MessageAction: 'SUPPRESS',
    });
    sub = subOf((created.User as { Attributes?: unknown })?.Attributes);
    const generated = !process.env.ADMIN_PASSWORD;
    // Cognito policy: 12+ chars with upper, lower, digit and symbol.
    const password = process.env.ADMIN_PASSWORD ?? `Jx-${randomBytes(12).toString('base64url')}a1!`;
    cognito('admin-set-user-password', {
      UserPoolId: userPoolId,
      Username: username,
      Password: password,
      Permanent: true,
    });
    if (generated) console.log(`generated password for ${username} (shown once): ${password}`);
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? err);
    if (!stderr.includes('UsernameExistsException')) fail(`Cognito: ${stderr.trim()}`);
    console.log(`Cognito user "${username}" exists; linking it`);
    sub = subOf(cognito('admin-get-user', { UserPoolId: userPoolId, Username: username }).UserAttributes);
  }
  if (!sub) fail('Cognito returned no sub for the user');

  // 2. The app's user record, written by the app's own repository (same keys and fields as the API).
  const user = appUser(unit.id, { externalSub: sub });
  await deps.users.create(user);
  console.log(`created ${roles.join('+')} "${username}" (${user.name}, ${unit.name}) — id ${user.id}, sub ${sub}`);
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
