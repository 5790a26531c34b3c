// The api service behind the local HTTP adapter, in its own process (so the load generator does not
// share its event loop). Prints `LISTENING <url>` once ready; exits when its parent closes stdin.
import { startLocalHttpServer } from '@gallery/testing/local-http';
import { SERVICE_DIR } from './support';

async function main() {
  // Request logs would only slow the server down; errors still reach stderr.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    typeof chunk === 'string' && chunk.startsWith('{"')
      ? true
      : write(chunk as string, ...(rest as []))) as typeof process.stdout.write;
  const server = await startLocalHttpServer({ serviceDir: SERVICE_DIR });
  write(`LISTENING ${server.url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
