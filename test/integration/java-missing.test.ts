import { describe, expect, it } from 'vitest';
import { JavaMissingError, startLocalDynamo } from '../../functions/adapters/dynamodb/local-server';

describe('DynamoDB Local without Java', () => {
  it('refuses with the install hint, in Chinese first, when no java is on the PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent-jixiao-path';
    try {
      const failure = await startLocalDynamo({ startupMs: 10_000 }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(JavaMissingError);
      expect((failure as Error).message).toMatch(/^未找到 Java 开发环境/);
    } finally {
      process.env.PATH = path;
    }
  });
});
