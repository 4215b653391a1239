import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Deps } from '../../core/ports';
import { signIn } from '../../core/use-cases/identity/sign-in';
import {
  answerChallenge,
  refreshSession,
  type SignInAnswer,
  signOut,
} from '../../core/use-cases/identity/sign-in-challenge';
import { BODY } from '../body-schemas';
import { clientAddress } from '../client-address';
import type { AppContext, AppEnv, AppOptions } from '../context';
import { jsonBody } from '../validated';

/** The pool's refresh token: never readable by scripts, sent only to /api/auth on this site. */
export const REFRESH_COOKIE = 'jx_refresh';
const COOKIE = { path: '/api/auth', httpOnly: true, secure: true, sameSite: 'Strict', maxAge: 30 * 86400 } as const;

/** The refresh token goes into the cookie, never into the JSON answer. */
function answer(c: AppContext, result: SignInAnswer) {
  if ('refreshToken' in result) {
    const { refreshToken, ...rest } = result;
    if (refreshToken) setCookie(c, REFRESH_COOKIE, refreshToken, COOKIE);
    return c.json(rest);
  }
  return c.json(result);
}

/** Sign-in, the first-sign-in password change, refresh and sign-out: open routes (no bearer token). */
export function authRoutes(deps: Deps, options: AppOptions) {
  const app = new Hono<AppEnv>();
  app.post('/login', jsonBody<{ username: string; password: string; totpCode?: string }>(BODY.login), async (c) => {
    const body = c.req.valid('json');
    return answer(c, await signIn(deps, { ...body, address: clientAddress(c, options.trustedProxies ?? []) }));
  });
  type ChallengeInput = { username: string; session: string; newPassword: string };
  app.post('/challenge', jsonBody<ChallengeInput>(BODY.challenge), async (c) => {
    const body = c.req.valid('json');
    return answer(c, await answerChallenge(deps, { ...body, address: clientAddress(c, options.trustedProxies ?? []) }));
  });
  app.post('/refresh', async (c) => {
    const cookie = getCookie(c, REFRESH_COOKIE);
    // No cloud session kept here (local identity, or signed out): nothing to refresh.
    if (!cookie) return c.body(null, 204);
    try {
      return c.json(await refreshSession(deps, cookie));
    } catch (err) {
      deleteCookie(c, REFRESH_COOKIE, COOKIE);
      throw err;
    }
  });
  app.post('/logout', async (c) => {
    const token = getCookie(c, REFRESH_COOKIE);
    deleteCookie(c, REFRESH_COOKIE, COOKIE);
    await signOut(deps, token);
    return c.body(null, 204);
  });
  return app;
}
