import http from 'node:http';
import autocannon from 'autocannon';
import { benchEvent } from './bench-events';

// The HTTP load of `pnpm bench pipeline`, a process of its own (started by bench-env's `runLoad`
// with its options as one JSON argument) so that the load generator never shares an event loop
// with what it measures. Prints its counts as one JSON line.

/**
 * The load process: bodies built per request, against `url`; prints its result. At full speed
 * autocannon; at a fixed `rate`, requests paced evenly (request i is sent at i / rate s):
 * autocannon's `overallRate` sends each second's quota in a burst at the start of the second,
 * which measured the burst's queue, not the pipeline's latency at that rate.
 */
async function loadMain(args: { url: string; seconds: number; batch: number; rate?: number; c: number }) {
  const prefix = `${args.rate ? 'lat' : 'ing'}${args.batch}-${process.pid}`;
  const body = () =>
    JSON.stringify(
      args.batch === 1
        ? benchEvent(prefix)
        : { events: Array.from({ length: args.batch }, () => benchEvent(prefix)) },
    );
  if (args.rate) {
    console.log(JSON.stringify(await pacedLoad(args.url, args.rate, args.seconds, body)));
    return;
  }
  const result = await autocannon({
    url: args.url,
    method: 'POST',
    connections: args.c,
    duration: args.seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  console.log(
    JSON.stringify({
      total: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      ok: result['2xx'],
    }),
  );
}

/**
 * `rate` requests per second for `seconds`, evenly spaced (late ones go at once), over keep-alive
 * connections. Plain `node:http`: `fetch` cost the load process ~1.5 ms of CPU per request, most
 * of a core at 500/s on a 2-core machine shared with what it measures.
 */
async function pacedLoad(url: string, rate: number, seconds: number, body: () => string) {
  const counts = { total: 0, ok: 0, non2xx: 0, errors: 0 };
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const post = (payload: string) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode! < 300) counts.ok += 1;
            else counts.non2xx += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        counts.errors += 1;
        resolve();
      });
      req.end(payload);
    });
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  for (let i = 0; i < Math.round(rate * seconds); i += 1) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    counts.total += 1;
    const sent: Promise<void> = post(body()).finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  }
  await Promise.all(inFlight);
  agent.destroy();
  return counts;
}

await loadMain(JSON.parse(process.argv[2]!));
