// The observability chain every function runs in, whatever triggers it (HTTP, S3, a DynamoDB
// stream, a schedule, a Step Functions task, a Cognito trigger): Powertools' own middy middlewares
// for the logger, the tracer and the metrics, and the invocation's correlation id. The chains of
// each kind of function (./http.ts, ./events.ts) are built on it, so a function gets all of it by
// using its kind's chain.
//
//   logger:  the Lambda context on every line (function, request id, cold_start), the debug sampling
//            decision renewed per invocation, per-invocation keys dropped afterwards;
//   tracer:  when the function traces (./tracing.ts), the handler's subsegment with ColdStart and
//            Service annotations (responses not recorded);
//   metrics: the invocation's metrics published as one EMF line at the end, under the dimensions
//            service and operation, with its Latency (ms, the handler's own time), and a ColdStart
//            metric;
//   correlation_id on every log line and as a trace annotation: the API request id, an S3 key, a
//            stream record's sequence number, or the id of the API request a record started from.
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { MetricUnit, metrics } from './metrics';
import { annotate, tracing } from './tracing';

export type LambdaFunction<E, R> = (event: E, context: Context) => Promise<R>;

export interface ObserveOptions<E> {
  /**
   * The `operation` metric dimension: the route's operationId, the job's or the task's name. One
   * per function, never derived from the event (dimensions must stay a small fixed set).
   */
  operation: string;
  /**
   * The invocation's correlation id (default: the Lambda request id). What lets one search find every
   * line, trace and function an operation went through.
   */
  correlationId?: (event: E, context: Context) => string | undefined;
}

/** Sets the correlation id of what follows in this invocation (log lines and trace annotation). */
export function correlateWith(id: string): void {
  logger.setCorrelationId(id);
  annotate('correlation_id', id);
}

/** The correlation id of the lines written now. */
export function currentCorrelationId(): string | undefined {
  const id = logger.getCorrelationId();
  return typeof id === 'string' ? id : undefined;
}

/**
 * Runs `work` with `id` as the correlation id, then restores the invocation's: for a batch whose
 * records each have their own (S3 objects, stream records). Records must be worked on one at a time.
 */
export async function withCorrelation<T>(id: string | undefined, work: () => Promise<T>): Promise<T> {
  const previous = currentCorrelationId();
  if (id) correlateWith(id);
  try {
    return await work();
  } finally {
    if (previous) correlateWith(previous);
  }
}

const STARTED = 'gallery.startedAt';

function invocation<E>(options: ObserveOptions<E>): MiddlewareObj<E> {
  const latency = (request: { internal: Record<string, unknown> }) => {
    const started = request.internal[STARTED];
    if (typeof started === 'number') {
      metrics.addMetric('Latency', MetricUnit.Milliseconds, performance.now() - started);
    }
  };
  return {
    name: 'invocation',
    before: (request) => {
      (request.internal as Record<string, unknown>)[STARTED] = performance.now();
      metrics.addDimension('operation', options.operation);
      correlateWith(options.correlationId?.(request.event, request.context) ?? request.context.awsRequestId);
    },
    after: latency,
    onError: (request) => {
      latency(request);
      // The runtime reports the failure too, but as plain text: this line is JSON, correlated, and
      // redacted like every other.
      logger.error({ message: 'invocation failed', error: request.error as Error });
    },
  };
}

/**
 * `handler` in the observability chain, then `kind`'s own middlewares (their `after`/`onError` run
 * before the metrics are published and the logger's keys are dropped).
 */
export function observe<E, R>(
  handler: LambdaFunction<E, R>,
  options: ObserveOptions<E>,
  ...kind: MiddlewareObj<E, R>[]
): LambdaFunction<E, R> {
  // No early timeout here: the HTTP chain inside has its own (./http.ts); the other kinds run to
  // Lambda's timeout, as they did before they were observed.
  const chain = middy<E, R>(handler, { timeoutEarlyInMillis: 0 })
    // Never the event (whatever POWERTOOLS_LOGGER_LOG_EVENT says): request bodies are raw JSON text,
    // where a password is not a field the redaction can see.
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use(tracing<E, R>())
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(invocation(options));
  for (const middleware of kind) chain.use(middleware);
  return Object.defineProperty(chain as unknown as LambdaFunction<E, R>, OBSERVED, { value: true });
}

const OBSERVED = Symbol.for('gallery.observed');

/** True for a handler built by `observe` (every deployed function's, scripts/observability.test.ts). */
export function isObserved(handler: unknown): boolean {
  return typeof handler === 'function' && (handler as { [OBSERVED]?: boolean })[OBSERVED] === true;
}
