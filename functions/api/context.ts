import type { Context } from 'hono';
import type { Actor } from '../core/model';
import type { Logger } from '../core/ports';

export type AppEnv = {
  Variables: {
    actor: Actor;
    body: unknown;
    requestId: string;
    logger: Logger;
  };
};

export type AppContext = Context<AppEnv>;

export interface AppOptions {
  /** Max request body in bytes (413 beyond, before any handler). */
  maxBodyBytes?: number;
  /** Per-user request budget per minute (local server); undefined disables it (Lambda relies on API Gateway throttling). */
  rateLimitPerMinute?: number;
  /** Sign-in attempts per minute per client address and username. */
  loginAttemptsPerMinute?: number;
}

