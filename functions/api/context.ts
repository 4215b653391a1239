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
  /**
   * Proxies whose X-Forwarded-For is believed for the sign-in throttle (addresses or IPv4 CIDR blocks);
   * without them the client address is the socket's peer (locally) or API Gateway's source IP (Lambda).
   */
  trustedProxies?: readonly string[];
}
