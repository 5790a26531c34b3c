// What each piece of Powertools costs a function at cold start: the cold-start benchmark builds a
// function as deployed and again with one piece (or all four) replaced by an inert stand-in, in this
// benchmark's builds only, never in a deployed bundle. The difference is the piece's cost in bytes
// and load time. The Tracer is only in the builds of a stage that traces (traceSdk=true,
// @gallery/lambda/tracing): its cost is such a build's, started with TRACED_ENV, against the deployed.
import type { Plugin } from 'esbuild';

export type Piece = 'logger' | 'metrics' | 'tracer' | 'idempotency';

/** Inert modules with the surface @gallery/lambda uses of each piece. Bench builds only. */
const STAND_INS: Record<string, string> = {
  logger: `export class Logger {
    info() {} debug() {} warn() {} error() {} critical() {} trace() {}
    setCorrelationId() {} getCorrelationId() { return undefined; }
    appendKeys() {} resetKeys() {} addContext() {} refreshSampleRateCalculation() {}
    getLevelName() { return 'INFO'; } setLogLevel() {}
  }`,
  'logger/middleware': 'export const injectLambdaContext = () => ({ before() {} });',
  metrics: `export const MetricUnit = { Count: 'Count', Milliseconds: 'Milliseconds' };
  export class Metrics {
    addMetric() { return this; } addDimension() { return this; } singleMetric() { return this; }
    publishStoredMetrics() { return this; } captureColdStartMetric() {}
  }`,
  'metrics/middleware': 'export const logMetrics = () => ({ before() {} });',
  tracer: `export class Tracer {
    isTracingEnabled() { return false; } captureAWSv3Client(client) { return client; } putAnnotation() {}
  }`,
  'tracer/middleware': 'export const captureLambdaHandler = () => ({ before() {} });',
  idempotency: `export class IdempotencyConfig {}
  export const makeIdempotent = (fn) => fn;
  export class IdempotencyValidationError extends Error {}
  export class IdempotencyAlreadyInProgressError extends Error {}`,
  'idempotency/dynamodb': 'export class DynamoDBPersistenceLayer {}',
};

const SPECIFIER = /^@aws-lambda-powertools\/(logger|metrics|tracer|idempotency)(\/[\w/]+)?$/;

/** An esbuild plugin that builds `pieces` as their stand-ins. */
export function withoutPieces(pieces: readonly Piece[]): Plugin {
  return {
    name: 'powertools-stand-ins',
    setup(build) {
      build.onResolve({ filter: SPECIFIER }, (args) => {
        const [, piece, sub = ''] = SPECIFIER.exec(args.path) ?? [];
        if (!pieces.includes(piece as Piece)) return undefined;
        const key = `${piece}${sub}`;
        if (!(key in STAND_INS)) throw new Error(`no stand-in for ${args.path}`);
        return { path: key, namespace: 'powertools-stand-in' };
      });
      build.onLoad({ filter: /.*/, namespace: 'powertools-stand-in' }, (args) => ({
        contents: STAND_INS[args.path],
        loader: 'js',
      }));
    },
  };
}

/** The environment of a traced function at init, as Lambda sets it with active tracing. */
export const TRACED_ENV: Readonly<Record<string, string>> = {
  POWERTOOLS_TRACE_ENABLED: 'true',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  LAMBDA_TASK_ROOT: '/var/task',
  AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
};
