// A TCP proxy that breaks connections on purpose, for tests of code that must stay correct when the
// network fails: in front of DynamoDB Local it makes requests fail before they arrive (refused
// connections) and, worse, after they were applied (the response cut off), the failure that forces
// every retried write to be idempotent.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ChaosOptions {
  /** Chance that a new connection is closed before anything reaches the upstream. */
  refuse: number;
  /** Chance, per chunk of response, that both sockets are destroyed instead of passing it on. */
  cutResponse: number;
  /**
   * Chance, per chunk of response, that the connection stops answering (the request was applied,
   * the caller waits until its own timeout).
   */
  stall?: number;
}

export interface ChaosProxy {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** The faults from now on; `{ refuse: 0, cutResponse: 0 }` heals the link. */
  set(options: ChaosOptions): void;
  /** Connections refused, responses cut and connections stalled so far. */
  readonly injected: { refused: number; cut: number; stalled: number };
  close(): Promise<void>;
}

export async function startChaosProxy(
  upstream: string,
  random: () => number = Math.random,
): Promise<ChaosProxy> {
  const target = new URL(upstream);
  let chaos: ChaosOptions = { refuse: 0, cutResponse: 0 };
  const injected = { refused: 0, cut: 0, stalled: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (random() < chaos.refuse) {
      injected.refused++;
      client.destroy();
      return;
    }
    const remote = connect(Number(target.port), target.hostname);
    sockets.add(remote);
    remote.on('close', () => {
      sockets.delete(remote);
      client.destroy();
    });
    remote.on('error', () => client.destroy());
    client.on('close', () => remote.destroy());
    client.pipe(remote);
    let stalled = false;
    remote.on('data', (chunk: Buffer) => {
      if (stalled) return;
      if (random() < (chaos.stall ?? 0)) {
        injected.stalled++;
        stalled = true;
        return;
      }
      if (random() < chaos.cutResponse) {
        injected.cut++;
        remote.destroy();
        client.destroy();
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    set(options) {
      chaos = options;
    },
    injected,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
