import net from 'node:net';

/**
 * A TCP proxy in front of Postgres for outage tests: `down()` cuts every open connection and
 * refuses new ones (accepted, then closed at once, as a dead server looks), `up()` restores it.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let isDown = false;
  const server = net.createServer((client) => {
    if (isDown) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    down(): void {
      isDown = true;
      for (const socket of sockets) socket.destroy();
    },
    up(): void {
      isDown = false;
    },
    async close(): Promise<void> {
      this.down();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
