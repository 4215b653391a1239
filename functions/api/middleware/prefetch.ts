import type { Actor } from '../../core/model';
import type { Deps } from '../../core/ports';

/** A write on one submission (save, submit, withdraw, decide, 转交, 加签 …): `/api/submissions/:id/...`. */
const ON_SUBMISSION = /^\/api\/submissions\/([A-Za-z0-9-]{1,64})(?:\/[a-z-]+)?$/;

/**
 * What a write on a submission reads first whatever it is: the submission and the caller's unit (to decide whether
 * the caller may see it). Started beside the caller's user record, the three share one round trip; the handler
 * finds them in the request's memo once the check has passed. A read it does not use is wasted, nothing more.
 * Not with an Idempotency-Key: such a request first looks for an earlier answer to replay, and reads the
 * submission only after that look (a retry racing its first attempt must see the first attempt's commit).
 */
export function submissionPrefetch(deps: Deps) {
  return (req: Request, likely: Actor | undefined): void => {
    const match = ON_SUBMISSION.exec(new URL(req.url).pathname);
    if (!match || req.headers.has('idempotency-key')) return;
    deps.submissions.get(match[1]).catch(() => undefined);
    if (likely) deps.org.getUnit(likely.unitId).catch(() => undefined);
  };
}
