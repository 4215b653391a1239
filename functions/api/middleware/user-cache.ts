import type { MiddlewareHandler } from 'hono';
import { UnauthorizedError } from '../../core/errors';
import type { Actor } from '../../core/model';
import type { Deps } from '../../core/ports';
import { resolveActor } from '../../core/use-cases/identity/sign-in';
import type { AppEnv } from '../context';

const MAX_ENTRIES = 2000;
const READS = new Set(['GET', 'HEAD']);

/**
 * Who the caller is, in one round trip on reads. The user record (not the token) decides what a caller may
 * do, and it is read again on every request, so a disabled user, a reset password or a changed role takes
 * effect at once. What the cache saves is the wait: on a read whose token was seen before, the handler
 * starts at once with the actor of the last request while the token and the user record are checked in
 * parallel; the answer is released only when the check agrees. When it does not, the answer is thrown
 * away: a token no longer valid gets 401, and an actor whose unit or roles changed is served again from
 * the start with the record just read (`again`). Writes always wait for the check before they run.
 */
export function actorMiddleware(
  deps: Deps,
  options: {
    onActor?: (actor: Actor) => void;
    again: (req: Request, env: unknown) => Promise<Response>;
    /**
     * On a write: reads the handler is known to need, started beside the user record's (one round trip for all).
     * `likely` is the actor of this token's last request, if any; `body` the parsed JSON body. Nothing read is used
     * before the check passes.
     */
    prefetch?: (req: Request, likely: Actor | undefined, body: unknown) => void;
  },
): MiddlewareHandler<AppEnv> {
  const cache = new Map<string, Actor>();
  const remember = (token: string, actor: Actor) => {
    cache.delete(token);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(token, actor);
  };
  return async (c, next) => {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(c.req.header('authorization') ?? '');
    if (!match) throw new UnauthorizedError('请先登录');
    const token = match[1];
    const read = READS.has(c.req.method);
    const prefetch = options.prefetch;
    const checked = resolveActor(
      deps,
      token,
      read || !prefetch ? undefined : () => prefetch(c.req.raw, cache.get(token), c.get('body')),
    );
    const cached = read ? cache.get(token) : undefined;
    if (!cached) {
      const actor = await checked.catch((e) => {
        cache.delete(token);
        throw e;
      });
      remember(token, actor);
      c.set('actor', actor);
      options.onActor?.(actor);
      return next();
    }
    c.set('actor', cached);
    options.onActor?.(cached);
    const [check] = await Promise.allSettled([checked, next()]);
    if (check.status === 'rejected') {
      cache.delete(token);
      discard(c);
      throw check.reason;
    }
    remember(token, check.value);
    if (sameActor(check.value, cached)) return;
    const res = await options.again(c.req.raw, c.env);
    discard(c);
    c.res = res;
  };
}

/** Drops the speculative answer, headers included (Hono merges the old headers into a new answer). */
function discard(c: { res: Response | undefined }): void {
  c.res = undefined;
}

function sameActor(a: Actor, b: Actor): boolean {
  return (
    a.id === b.id &&
    a.username === b.username &&
    a.name === b.name &&
    a.unitId === b.unitId &&
    a.roles.length === b.roles.length &&
    a.roles.every((r, i) => r === b.roles[i])
  );
}
