// Loaded into the soak bench's server process (`node --expose-gc --import`): every second it collects
// garbage and appends { at, rss, heapUsed } as a JSON line to MEMORY_PROBE_FILE, so the bench can read
// what the server retains (not what it has yet to collect) phase by phase.
import { appendFileSync } from 'node:fs';

const file = process.env.MEMORY_PROBE_FILE;
if (file) {
  setInterval(() => {
    globalThis.gc?.();
    const m = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed })}\n`);
  }, 1000).unref();
}
