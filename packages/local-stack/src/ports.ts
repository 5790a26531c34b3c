import net from 'node:net';

/** A port that was free a moment ago, picked by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not pick a free port'));
      });
    });
  });
}

/** The requested port, or a free one when none was requested. */
export async function portOrFree(port: number | undefined): Promise<number> {
  return port ?? (await freePort());
}
