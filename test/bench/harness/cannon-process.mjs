// autocannon in a process of its own: the load generator's HTTP work runs beside the server's event loop, not on
// it (a real server's clients are elsewhere; the bare DynamoDB loops it is compared with need no client at all).
// A child process rather than a worker thread: inside a worker, autocannon reports raw histograms for its own
// worker pool instead of the summary. Each IPC message { opts, paths, raw } is one run: options for autocannon,
// `paths` to send each request to the next path of that list in turn, and `raw` to answer every response's latency
// too (milliseconds, as `result.raw`), for percentiles over several runs pooled. Each answer is { result } or
// { error }. The process serves runs one after the other, so the client is as warm in the last as in the second,
// and ends when its parent disconnects.
import autocannon from 'autocannon';

process.on('message', ({ opts, paths, raw }) => {
  let next = 0;
  if (paths) {
    opts.requests = opts.requests.map((r) => ({
      ...r,
      setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
    }));
  }
  const latencies = [];
  const instance = autocannon(opts, (err, result) => {
    process.send(err ? { error: String(err) } : { result: { ...JSON.parse(JSON.stringify(result)), raw: latencies } });
  });
  if (raw) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
});
process.on('disconnect', () => process.exit(0));
