// A service's stream functions on a test's own table: the mappings of its serverless.yml, delivered
// from DynamoDB Local's stream with Lambda's semantics (@gallery/local-stack/streams), the handlers
// run in the calling test file's module registry (so they share its TABLE_NAME and clients).
import path from 'node:path';
import type { StreamDelivery } from '@gallery/local-stack/streams/delivery';
import { startServiceStreams } from '@gallery/local-stack/streams/service';

const SERVICES = path.resolve(__dirname, '..', '..', '..', 'services');

export async function startStreamFunctions(options: {
  /** Folder under services/, e.g. `activity`. */
  service: string;
  tableName: string;
  /** DynamoDB Local; defaults to the harness's DYNAMODB_ENDPOINT. */
  endpoint?: string;
}): Promise<StreamDelivery> {
  const endpoint = options.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: run through the integration project');
  return startServiceStreams({
    serviceDir: path.join(SERVICES, options.service),
    endpoint,
    tableName: options.tableName,
    invoke: 'in-process',
    // Function errors and discarded batches are worth seeing in a test's output.
    log: (line) => process.stderr.write(`${line}\n`),
  });
}
