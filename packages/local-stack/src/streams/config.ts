// The event source mappings of a service, read from its resolved serverless.yml (`serverless print`,
// the configuration osls itself packages), with the defaults osls and Lambda apply to whatever is
// left out. Options Lambda has that this local delivery does not emulate are refused, not ignored.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { validateFilterPattern, type FilterPattern } from './filter';

export interface StreamMapping {
  /** The function's key in serverless.yml, e.g. `countReactions`. */
  functionKey: string;
  /** The deployed function name (`<service>-<stage>-<key>` unless `name` is set). */
  functionName: string;
  /** Relative to the service folder, e.g. `src/functions/countReactions/handler.handler`. */
  handler: string;
  timeoutSeconds: number;
  batchSize: number;
  /** MaximumBatchingWindowInSeconds (osls: `batchWindow`). */
  batchWindowSeconds: number;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** -1: until the record expires. */
  maximumRetryAttempts: number;
  /** -1: until the record expires (24 h on DynamoDB Streams). */
  maximumRecordAgeSeconds: number;
  bisectBatchOnFunctionError: boolean;
  reportBatchItemFailures: boolean;
  filterPatterns: FilterPattern[];
  /** The on-failure destination as configured (an ARN, or the CloudFormation expression that makes one). */
  onFailure: string | null;
}

export class UnsupportedStreamOptionError extends Error {
  override name = 'UnsupportedStreamOptionError';
}

interface PrintedFunction {
  name?: string;
  handler?: string;
  timeout?: number;
  events?: Array<Record<string, unknown>>;
}

interface PrintedService {
  service: string;
  provider: { stage: string; timeout?: number };
  functions?: Record<string, PrintedFunction>;
}

/**
 * A mapping as an event that sets nothing gets it: osls's defaults (batch size 10, TRIM_HORIZON)
 * and Lambda's for what osls leaves out of the template. For harnesses that build mappings in code.
 */
export function streamMapping(
  fields: Pick<StreamMapping, 'functionKey' | 'functionName'> & Partial<StreamMapping>,
): StreamMapping {
  return {
    handler: '',
    timeoutSeconds: 6,
    batchSize: 10,
    batchWindowSeconds: 0,
    startingPosition: 'TRIM_HORIZON',
    maximumRetryAttempts: -1,
    maximumRecordAgeSeconds: -1,
    bisectBatchOnFunctionError: false,
    reportBatchItemFailures: false,
    filterPatterns: [],
    onFailure: null,
    ...fields,
  };
}

function definedOnly<T extends Record<string, unknown>>(
  fields: T,
): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>;
  }>;
}

const isDynamoDbStream = (stream: Record<string, unknown>): boolean =>
  stream.type === 'dynamodb' || (typeof stream.arn === 'string' && stream.arn.split(':')[2] === 'dynamodb');

function describeArn(arn: unknown): string | null {
  if (arn === undefined || arn === null) return null;
  return typeof arn === 'string' ? arn : JSON.stringify(arn);
}

/** The DynamoDB stream mappings of a printed (fully resolved) service configuration. */
export function streamMappings(config: PrintedService): StreamMapping[] {
  const mappings: StreamMapping[] = [];
  for (const [functionKey, fn] of Object.entries(config.functions ?? {})) {
    for (const event of fn.events ?? []) {
      const raw = event.stream;
      if (raw === undefined) continue;
      const stream: Record<string, unknown> =
        typeof raw === 'string' ? { arn: raw } : (raw as Record<string, unknown>);
      if (!isDynamoDbStream(stream)) continue;
      const where = `${config.service}.${functionKey}`;
      for (const option of ['parallelizationFactor', 'tumblingWindowInSeconds', 'consumer'] as const) {
        const value = stream[option];
        if (
          value !== undefined &&
          !(option === 'parallelizationFactor' && value === 1) &&
          !(option === 'tumblingWindowInSeconds' && value === 0)
        ) {
          throw new UnsupportedStreamOptionError(`${where}: stream option ${option} is not emulated locally`);
        }
      }
      if (stream.enabled === false) continue;
      if (
        stream.startingPosition !== undefined &&
        stream.startingPosition !== 'LATEST' &&
        stream.startingPosition !== 'TRIM_HORIZON'
      ) {
        throw new UnsupportedStreamOptionError(
          `${where}: startingPosition ${String(stream.startingPosition)} is not emulated locally`,
        );
      }
      const patterns = (stream.filterPatterns as FilterPattern[] | undefined) ?? [];
      patterns.forEach((pattern) => validateFilterPattern(pattern));
      const destinations = stream.destinations as { onFailure?: unknown } | undefined;
      const onFailure = destinations?.onFailure;
      mappings.push(
        streamMapping({
          functionKey,
          functionName: fn.name ?? `${config.service}-${config.provider.stage}-${functionKey}`,
          handler: fn.handler ?? '',
          reportBatchItemFailures: stream.functionResponseType === 'ReportBatchItemFailures',
          filterPatterns: patterns,
          onFailure: describeArn(
            typeof onFailure === 'object' && onFailure !== null
              ? (onFailure as { arn?: unknown }).arn
              : onFailure,
          ),
          // What the event leaves out keeps streamMapping's default.
          ...definedOnly({
            timeoutSeconds: fn.timeout ?? config.provider.timeout,
            batchSize: stream.batchSize as number | undefined,
            batchWindowSeconds: stream.batchWindow as number | undefined,
            startingPosition: stream.startingPosition as StreamMapping['startingPosition'] | undefined,
            maximumRetryAttempts: stream.maximumRetryAttempts as number | undefined,
            maximumRecordAgeSeconds: stream.maximumRecordAgeInSeconds as number | undefined,
            bisectBatchOnFunctionError: stream.bisectBatchOnFunctionError as boolean | undefined,
          }),
        }),
      );
    }
  }
  return mappings;
}

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SERVERLESS_BIN = path.join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js');

/**
 * Runs `serverless print --format json` in the service's folder (about 1.5 s: no build) and returns
 * its DynamoDB stream mappings. `params` are passed as `--param name=value`.
 */
export async function readStreamMappings(
  serviceDir: string,
  options: { stage?: string; params?: Record<string, string> } = {},
): Promise<StreamMapping[]> {
  const args = [SERVERLESS_BIN, 'print', '--format', 'json', '--stage', options.stage ?? 'dev'];
  for (const [name, value] of Object.entries(options.params ?? {})) args.push('--param', `${name}=${value}`);
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: serviceDir,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return streamMappings(JSON.parse(stdout) as PrintedService);
}
