// The logger of every function: Powertools Logger, one per process (module singleton). One JSON
// object per line on stdout with the service (POWERTOOLS_SERVICE_NAME), the Lambda context (function
// name, request id, cold start: added by the chain, ./observe.ts), the correlation id and the
// X-Ray trace id. Nothing secret reaches a line (./redact.ts).
//
// The service is POWERTOOLS_SERVICE_NAME, read as written so a build can define it where a function
// has no environment (Lambda@Edge: services/edge/serverless.yml).
//
// Level: POWERTOOLS_LOG_LEVEL, else LOG_LEVEL, in any case (`silent` writes nothing: the test runs'
// default, jest.config.ts), else INFO; Lambda's advanced logging controls (AWS_LAMBDA_LOG_LEVEL) win
// over both, as Powertools documents. POWERTOOLS_LOGGER_SAMPLE_RATE (0..1) is the share of
// invocations that log at DEBUG.
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { redact } from './redact';

export type { Logger };

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT']);

/**
 * The level from the environment. Powertools reads the same variables but only in upper case; the
 * repository's scripts and docs use `LOG_LEVEL=silent`/`debug`, so the value is upper-cased here.
 */
export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel | undefined {
  const value = (env.POWERTOOLS_LOG_LEVEL || env.LOG_LEVEL)?.toUpperCase();
  return value !== undefined && LEVELS.has(value) ? (value as LogLevel) : undefined;
}

const level = levelFromEnv();

const serviceName = process.env.POWERTOOLS_SERVICE_NAME;

export const logger = new Logger({
  ...(level ? { logLevel: level } : {}),
  ...(serviceName ? { serviceName } : {}),
  jsonReplacerFn: redact,
});
