import { describe, expect, it } from 'vitest';
import { allInOrder } from '../../functions/core/use-cases/support/all-in-order';

const settleAfter = <T>(ms: number, run: () => T) =>
  new Promise<T>((ok, fail) =>
    setTimeout(() => {
      try {
        ok(run());
      } catch (e) {
        fail(e);
      }
    }, ms),
  );

describe('allInOrder (independent reads of a submit, run together)', () => {
  it('answers every value in the order written', async () => {
    expect(
      await allInOrder([settleAfter(20, () => 'a'), settleAfter(1, () => 2), Promise.resolve(null)] as const),
    ).toEqual(['a', 2, null]);
  });

  it('refuses with the first failing step in the order written, even when a later one failed sooner', async () => {
    const first = new Error('结果应用：同类型项目不能申报');
    const later = new Error('单位代码不存在');
    const run = allInOrder([
      settleAfter(5, () => 'ok'),
      settleAfter(30, () => {
        throw first;
      }),
      settleAfter(1, () => {
        throw later;
      }),
    ] as const);
    await expect(run).rejects.toBe(first);
  });

  it('waits for every step before refusing, so nothing is left running behind the answer', async () => {
    let finished = false;
    const run = allInOrder([
      Promise.reject(new Error('first')),
      settleAfter(20, () => {
        finished = true;
      }),
    ] as const);
    await expect(run).rejects.toThrow('first');
    expect(finished).toBe(true);
  });
});
