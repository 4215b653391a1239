import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MailCatcher {
  host: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/**
 * A local SMTP server that accepts every message and writes it, as received, to `<dir>/<time>-<id>.eml`
 * (open it with any mail program). Listens on 127.0.0.1 only; `port` 0 picks a free one.
 */
export async function startMailCatcher(dir: string, port = 0): Promise<MailCatcher> {
  const { SMTPServer } = await import('smtp-server');
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    banner: 'Jixiao local mail catcher',
    size: 5 * 1024 * 1024,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', done);
      stream.on('end', () => {
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
        try {
          writeFileSync(join(dir, name), Buffer.concat(chunks));
          done();
        } catch (err) {
          done(err as Error);
        }
      });
    },
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const address = server.server.address();
  return {
    host: '127.0.0.1',
    port: typeof address === 'object' && address ? address.port : port,
    dir,
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
