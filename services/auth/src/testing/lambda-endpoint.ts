// A minimal Lambda Invoke API (`POST /2015-03-31/functions/<name>/invocations`) that runs trigger
// handlers in-process, so a cognito-local started by a test calls the real trigger code over the
// network, the way it calls serverless-offline in `pnpm dev`. Test-only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '@gallery/testing/lambda-events';

export type InvokedHandler = (event: never, context: Context) => Promise<unknown>;

export interface LambdaEndpoint {
  url: string;
  /** Every invocation so far: function name, the event and whether it failed. */
  invocations: Array<{ functionName: string; event: Record<string, unknown>; failed: boolean }>;
  stop(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export async function startLambdaEndpoint(handlers: Record<string, InvokedHandler>): Promise<LambdaEndpoint> {
  const invocations: LambdaEndpoint['invocations'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const name = decodeURIComponent(INVOKE_PATH.exec(req.url ?? '')?.[1] ?? '');
      const handler = handlers[name];
      if (req.method !== 'POST' || !handler) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
        return;
      }
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      handler(event as never, lambdaContext({ functionName: name })).then(
        (result) => {
          invocations.push({ functionName: name, event, failed: false });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(result ?? null));
        },
        (err: unknown) => {
          invocations.push({ functionName: name, event, failed: true });
          // What Lambda answers for a function that threw: 200, with the error in the payload.
          res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
          res.end(
            JSON.stringify({
              errorType: err instanceof Error ? err.name : 'Error',
              errorMessage: err instanceof Error ? err.message : String(err),
            }),
          );
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    invocations,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
