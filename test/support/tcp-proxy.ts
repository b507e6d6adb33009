// A loopback TCP proxy in front of a test cluster, standing in for a cloud
// proxy, NAT or load balancer (Neon's proxy, PgBouncer, a cloud LB) that can
// end connections without a PostgreSQL error message, in each of the ways a
// network does: a close (FIN), a reset (RST), or silence.
import { createServer, connect, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Closes every proxied connection on both sides at once (FIN, no TLS close_notify), as a proxy restart does. */
  cutAll(): void;
  /** Resets every proxied connection (TCP RST both ways): a NAT or load balancer forgetting them. */
  resetAll(): void;
  /**
   * Silently drops all further traffic on the connections open now, as a NAT
   * that forgot them does: no FIN, no RST, no answer. New connections work.
   */
  blackholeAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((downstream) => {
    const upstream = connect(target.port, target.host);
    track(downstream);
    track(upstream);
    const pair: [Socket, Socket] = [downstream, upstream];
    pairs.add(pair);
    downstream.pipe(upstream);
    upstream.pipe(downstream);
    downstream.on('close', () => {
      pairs.delete(pair);
      upstream.destroy();
    });
    upstream.on('close', () => downstream.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    cutAll() {
      for (const socket of sockets) socket.destroy();
    },
    resetAll() {
      for (const socket of sockets) socket.resetAndDestroy();
    },
    blackholeAll() {
      for (const [downstream, upstream] of pairs) {
        // Flowing with no consumer: what arrives is read and thrown away.
        downstream.unpipe(upstream);
        upstream.unpipe(downstream);
        downstream.resume();
        upstream.resume();
      }
      pairs.clear();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
