import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, inject, it } from 'vitest';
import { readConfig } from '../../functions/entry/config';

/** Issue 16 "Hardening", finding 5: DynamoDB Local and the local API listen on loopback unless told otherwise. */

/** Local addresses of the sockets listening on `port`, from /proc/net/tcp and tcp6 (hex, as the kernel writes them). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== '0A') continue; // 0A = LISTEN
      const [addr, p] = cols[1].split(':');
      if (p === hexPort) out.push(addr);
    }
  }
  return out;
}

/** 127.0.0.1 as /proc writes it: 0100007F (tcp) or the v4-mapped ::ffff:127.0.0.1 (tcp6). */
const LOOPBACK = new Set(['0100007F', '0000000000000000FFFF00000100007F', '00000000000000000000000001000000']);

const refused = (host: string, port: number) =>
  new Promise<string>((ok) => {
    const s = connect({ host, port, timeout: 3000 });
    s.once('connect', () => {
      s.destroy();
      ok('connected');
    });
    s.once('timeout', () => {
      s.destroy();
      ok('timeout');
    });
    s.once('error', (e: NodeJS.ErrnoException) => ok(e.code ?? 'error'));
  });

describe('finding 5: DynamoDB Local listens on 127.0.0.1 only', () => {
  const port = Number(new URL(inject('dynamoEndpoint')).port);

  it('has every listening socket of its port on the loopback address, none on a wildcard', () => {
    const addrs = listeners(port);
    expect(addrs.length, 'the port should be listening').toBeGreaterThan(0);
    for (const a of addrs) expect(LOOPBACK.has(a), `listening on ${a}`).toBe(true);
  });

  it("refuses a connection to the machine's non-loopback addresses, and accepts one on 127.0.0.1", async () => {
    expect(await refused('127.0.0.1', port)).toBe('connected');
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i?.address as string);
    for (const host of external) expect(await refused(host, port), host).toBe('ECONNREFUSED');
  });
});

describe('finding 5: the local API listen address is a setting, loopback by default', () => {
  it('defaults HOST to 127.0.0.1 and takes 0.0.0.0 when the bureau serves the office', () => {
    expect(readConfig({}).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads TRUSTED_PROXIES (finding 6) as a list, empty by default: no forwarding header is believed', () => {
    expect(readConfig({}).trustedProxies).toEqual([]);
    expect(readConfig({ TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16,' }).trustedProxies).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
    ]);
  });
});
