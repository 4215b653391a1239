import { beforeAll, describe, expect, it } from 'vitest';
import { getItem } from '../../functions/adapters/dynamodb/get-item';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { withRequestMemo } from '../../functions/adapters/request-memo';
import type { User } from '../../functions/core/model';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';

/**
 * A read by key outside a request scope shares a read of the same key already on its way (get-item.ts), unless it
 * must be strongly consistent, runs inside a write, or a write of this process was sent or returned since that read
 * went out, or it went out more than 200 ms before. Answers are held back here after DynamoDB has answered, so a
 * shared read would hand out what the store held before a write.
 */
let api: TestApi;
const commands: string[] = [];
let readsHeld: Promise<void> | null = null;
let writesHeld: Promise<void> | null = null;

beforeAll(async () => {
  api = await createTestApi();
  api.deps.db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      const name = ((context as { commandName?: string }).commandName ?? '').replace(/Command$/, '');
      commands.push(name);
      const read = name === 'GetItem' || name === 'BatchGetItem';
      const result = await next(args);
      const held = read ? readsHeld : writesHeld;
      if (held) await held;
      return result;
    },
    { step: 'initialize', name: 'holdAnswers' },
  );
});

/** Holds the answers of reads (or writes) until the returned function is called. */
function hold(what: 'reads' | 'writes'): () => void {
  let release = () => {};
  const held = new Promise<void>((ok) => (release = ok));
  if (what === 'reads') readsHeld = held;
  else writesHeld = held;
  return () => {
    if (what === 'reads') readsHeld = null;
    else writesHeld = null;
    release();
  };
}

/** Lets queued reads go out (they leave after the current turn) and reach DynamoDB. */
const onItsWay = async () => {
  for (let i = 0; i < 3; i++) await new Promise((ok) => setImmediate(ok));
  await new Promise((ok) => setTimeout(ok, 30));
};
const gets = () => commands.filter((c) => c === 'GetItem' || c === 'BatchGetItem').length;

describe('reads that share a read already on its way', () => {
  it('a second reader of a key on its way shares its read, with its own copy', async () => {
    commands.length = 0;
    const release = hold('reads');
    const first = getItem(api.deps.db, keys.user('jtj'));
    await onItsWay();
    const second = getItem(api.deps.db, keys.user('jtj'));
    await onItsWay();
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(commands).toEqual(['GetItem']);
    expect(b?.id).toBe('jtj');
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
  });

  it('a write of this process sent, or returned, since the read went out: the next reader reads again and sees it', async () => {
    const unit = await api.deps.org.getUnit('ysg');
    if (!unit) throw new Error('no unit ysg');
    commands.length = 0;
    const releaseReads = hold('reads');
    const releaseWrites = hold('writes');
    const before = getItem(api.deps.db, keys.unit('ysg'));
    await onItsWay();
    const write = api.deps.org.putUnit({ ...unit, name: '预算股（改）' });
    await onItsWay(); // the write is on its way: sent, not yet returned
    const duringWrite = getItem(api.deps.db, keys.unit('ysg'));
    await onItsWay();
    releaseWrites();
    await write;
    const afterWrite = getItem(api.deps.db, keys.unit('ysg'));
    await onItsWay();
    releaseReads();
    const [a, b, c] = await Promise.all([before, duringWrite, afterWrite]);
    expect(commands).toEqual(['GetItem', 'PutItem', 'GetItem', 'GetItem']);
    expect(a?.name).toBe(unit.name);
    expect(b?.name).toBe('预算股（改）');
    expect(c?.name).toBe('预算股（改）');
    await api.deps.org.putUnit(unit);
  });

  it('a strongly consistent read and a read inside a write request never share one', async () => {
    commands.length = 0;
    const release = hold('reads');
    const first = getItem(api.deps.db, keys.user('jtj'));
    await onItsWay();
    const consistent = getItem(api.deps.db, keys.user('jtj'), true);
    const scoped = withRequestMemo(() => getItem(api.deps.db, keys.user('jtj')));
    await onItsWay();
    release();
    await Promise.all([first, consistent, scoped]);
    expect(gets()).toBe(3);
  });

  it('a read that went out more than 200 ms before is not shared', async () => {
    commands.length = 0;
    const release = hold('reads');
    const first = getItem(api.deps.db, keys.user('jtj'));
    await new Promise((ok) => setTimeout(ok, 250));
    const late = getItem(api.deps.db, keys.user('jtj'));
    await onItsWay();
    release();
    await Promise.all([first, late]);
    expect(gets()).toBe(2);
  });

  it('a user disabled while a read of their record is on its way is refused by the next request at once', async () => {
    const created = await api.json('POST', '/api/admin/users', {
      as: 'admin',
      body: { username: 'sharedread', name: '共享读取', unitId: 'jtj', roles: ['filler'], password: DEMO_PASSWORD },
    });
    expect(created.status).toBe(201);
    const token = await api.token('sharedread');
    const me = () => api.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    const user = (await api.deps.users.getById(created.body.id)) as User;
    commands.length = 0;
    const release = hold('reads');
    const earlier = me(); // its read of the user record is answered before the disable, and held back
    await onItsWay();
    await api.deps.users.update({ ...user, disabled: true });
    const next = me();
    await onItsWay();
    release();
    const [, refused] = await Promise.all([earlier, next]);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('UNAUTHORIZED');
    expect(gets()).toBeGreaterThanOrEqual(2);
  });
});
