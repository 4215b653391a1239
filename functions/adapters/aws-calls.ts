/**
 * What every AWS client of the adapters shares about a call that gets no answer.
 *
 * How long one attempt may take: to connect, and then without a byte of its answer. With the SDK's retries a call
 * that never gets an answer ends well inside the API function's 25 s (DynamoDB: 4 attempts, about 21 s; S3: 3, about
 * 16 s), and the request answers 503 instead of being held open. Without `throwOnRequestTimeout` the SDK only logs a
 * warning when `requestTimeout` passes, and keeps waiting.
 */
export const CALL_TIMEOUTS = { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true } as const;

/** The call could not reach its service, or got no answer in time: worth a retry later, never a bare 500. */
export function isUnreachable(err: unknown): boolean {
  const e = err as { name?: string; code?: string } | undefined;
  const name = e?.name ?? '';
  return (
    name === 'TimeoutError' ||
    name === 'NetworkingError' ||
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN)$/.test(e?.code ?? '')
  );
}
