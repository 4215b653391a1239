import type { Actor } from '../../core/model';
import type { Deps } from '../../core/ports';

/** A write on one submission (save, submit, withdraw, decide, 转交, 加签 …): `/api/submissions/:id/...`. */
const ON_SUBMISSION = /^\/api\/submissions\/([A-Za-z0-9-]{1,64})(?:\/([a-z-]+))?$/;
const CREATE = '/api/submissions';

const quietly = (read: Promise<unknown>) => {
  read.catch(() => undefined);
};

/**
 * What a write on submissions reads first whatever it is, started beside the caller's user record so that they
 * share its round trip; the handler finds them in the request's memo once the check has passed, and a read it
 * does not use is wasted, nothing more.
 * - On one submission: the submission and the caller's unit (to decide whether the caller may see it); for a
 *   submit also the organisation's settings (its routing and result rules).
 * - Create: the caller's unit and the head of the form named in the body.
 * Not with an Idempotency-Key: such a request first looks for an earlier answer to replay, and reads the
 * submission only after that look (a retry racing its first attempt must see the first attempt's commit).
 */
export function submissionPrefetch(deps: Deps) {
  return (req: Request, likely: Actor | undefined, body: unknown): void => {
    if (req.headers.has('idempotency-key')) return;
    const path = new URL(req.url).pathname;
    if (path === CREATE) {
      const formId = (body as { formId?: unknown } | null)?.formId;
      if (typeof formId === 'string' && formId.length <= 64) quietly(deps.forms.getHead(formId));
    } else {
      const match = ON_SUBMISSION.exec(path);
      if (!match) return;
      quietly(deps.submissions.get(match[1]));
      if (match[2] === 'submit') quietly(deps.org.getSettings());
    }
    if (likely) quietly(deps.org.getUnit(likely.unitId));
  };
}
