/**
 * Runs independent reads and checks at the same time. When some fail, the error is the one of the first failing
 * step in the order written, exactly as if they had run one after another: which problem a user is told about
 * never depends on which answer arrived first. Only for steps without side effects.
 */
export async function allInOrder<T extends readonly unknown[]>(steps: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(steps);
  for (const step of settled) if (step.status === 'rejected') throw step.reason;
  return settled.map((step) => (step as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
