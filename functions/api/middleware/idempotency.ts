import { createHash } from 'node:crypto';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { IdempotencyMismatchError, ValidationError } from '../../core/errors';
import type { Deps, IdempotencyRequest } from '../../core/ports';
import type { AppContext } from '../context';

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Idempotency-Key on POST: a retry with the same key and body replays the first response and
 * changes nothing; the same key with another body is 422. The record is written by the use case in
 * the same transaction as the change, so a response lost after the commit is replayed on retry.
 */
export async function idempotent<R>(
  c: AppContext,
  deps: Deps,
  statusCode: ContentfulStatusCode,
  present: (result: R) => unknown,
  run: (idem: IdempotencyRequest | undefined) => Promise<R>,
): Promise<Response> {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return c.json(present(await run(undefined)) as object, statusCode);
  if (!KEY.test(key)) {
    throw new ValidationError('Idempotency-Key 格式不正确', [
      { path: 'Idempotency-Key', message: '应为8–128位字母、数字或 _ . : -' },
    ]);
  }
  const actor = c.get('actor');
  const requestHash = createHash('sha256')
    .update(`${c.req.method} ${new URL(c.req.url).pathname}\n${JSON.stringify(c.get('body') ?? null)}`)
    .digest('hex');
  const replay = async () => {
    const record = await deps.idempotency.get(actor.id, key);
    if (!record) return null;
    if (record.requestHash !== requestHash) {
      throw new IdempotencyMismatchError('同一个 Idempotency-Key 不能用于不同的请求');
    }
    c.header('Idempotent-Replayed', 'true');
    return c.json(record.body as object, record.statusCode as ContentfulStatusCode);
  };
  const first = await replay();
  if (first) return first;
  try {
    const result = await run({ key, requestHash, statusCode, present: (r) => present(r as R) });
    return c.json(present(result) as object, statusCode);
  } catch (err) {
    // A parallel request with the same key may have committed first, after this one looked: whatever
    // this attempt ran into (a lost race, a state that moved on), the first answer is the answer.
    const again = await replay().catch(() => null);
    if (again) return again;
    throw err;
  }
}
