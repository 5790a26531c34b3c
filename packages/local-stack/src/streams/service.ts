// A service's stream functions on the local table: its mappings from its serverless.yml, invoked
// through serverless-offline (`pnpm dev`) or in this process (the jest harness).
import path from 'node:path';
import { readStreamMappings, type StreamMapping } from './config';
import { startStreamDelivery, type StreamDelivery } from './delivery';
import { inProcessInvoker, type InProcessFunction, type Invoker, type StreamHandler } from './invoke';
import { onFailureSink } from './on-failure';

export interface ServiceStreamsOptions {
  /** The service's folder (with its serverless.yml). */
  serviceDir: string;
  /** DynamoDB Local. */
  endpoint: string;
  tableName: string;
  /** How functions are called; `in-process` loads each handler module with `require`. */
  invoke: Invoker | 'in-process';
  stage?: string;
  /** JSON-lines file that receives every discarded batch (besides the log). */
  onFailureFile?: string;
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

/** The handler module and export a mapping names (`src/functions/x/handler.handler`). */
export function loadInProcessFunctions(
  serviceDir: string,
  mappings: readonly StreamMapping[],
): Record<string, InProcessFunction> {
  const functions: Record<string, InProcessFunction> = {};
  for (const mapping of mappings) {
    const dot = mapping.handler.lastIndexOf('.');
    const file = path.join(serviceDir, mapping.handler.slice(0, dot));
    const exportName = mapping.handler.slice(dot + 1);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is named by the config
    const handler = (require(file) as Record<string, unknown>)[exportName];
    if (typeof handler !== 'function')
      throw new Error(`${mapping.handler}: no exported function ${exportName}`);
    functions[mapping.functionName] = {
      handler: handler as StreamHandler,
      timeoutSeconds: mapping.timeoutSeconds,
    };
  }
  return functions;
}

export async function startServiceStreams(options: ServiceStreamsOptions): Promise<StreamDelivery> {
  const mappings = await readStreamMappings(options.serviceDir, {
    stage: options.stage,
    params: { tableName: options.tableName },
  });
  const invoke =
    options.invoke === 'in-process'
      ? inProcessInvoker(loadInProcessFunctions(options.serviceDir, mappings))
      : options.invoke;
  return startStreamDelivery({
    endpoint: options.endpoint,
    tableName: options.tableName,
    mappings,
    invoke,
    onFailure: onFailureSink({ file: options.onFailureFile, log: options.log }),
    pollIntervalMs: options.pollIntervalMs,
    log: options.log,
  });
}
