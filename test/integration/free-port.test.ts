import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../functions/adapters/dynamodb/local-server';

describe('freePort', () => {
  it("never hands a helper process this process's own PORT, even when the system offers it again", async () => {
    const offers = [3100, 3100, 4100];
    const port = await freePort(3100, async () => offers.shift() ?? 0);
    expect(port).toBe(4100);
    expect(offers).toEqual([]);
  });

  it('hands out a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok());
    });
    expect((server.address() as { port: number }).port).toBe(port);
    await new Promise((ok) => server.close(ok));
  });
});
