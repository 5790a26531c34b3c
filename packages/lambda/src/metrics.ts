// The metrics of every function: Powertools Metrics, one per process (module singleton), written as
// CloudWatch embedded metric format (EMF) lines on stdout at the end of each invocation (the chain,
// ./observe.ts, publishes them): CloudWatch Logs turns them into metrics, with no API call and no
// extra latency. Namespace (POWERTOOLS_METRICS_NAMESPACE) and service (POWERTOOLS_SERVICE_NAME, the
// default dimension) come from the function's environment, i.e. from serverless.yml; both are read as
// written, so a build can define them where a function has no environment (Lambda@Edge).
//
// Dimensions are bounded on purpose (each distinct combination is a billed metric): `service`
// always, `operation` (a route's operationId, a job's or a task's name: a fixed list) on
// per-invocation metrics, and `reason` (a fixed enum) on thumbnail failures. Never an id.
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { logger } from './logger';

export { MetricUnit };

const namespace = process.env.POWERTOOLS_METRICS_NAMESPACE;
const serviceName = process.env.POWERTOOLS_SERVICE_NAME;

export const metrics = new Metrics({
  logger,
  ...(namespace ? { namespace } : {}),
  ...(serviceName ? { serviceName } : {}),
});

/** Business events, each counted where it happens. */
export const BusinessMetric = {
  SignUps: 'SignUps',
  Confirmations: 'Confirmations',
  UploadsRequested: 'UploadsRequested',
  ThumbnailsReady: 'ThumbnailsReady',
  ThumbnailsFailed: 'ThumbnailsFailed',
  Likes: 'Likes',
  Comments: 'Comments',
  SharesOpened: 'SharesOpened',
  ErasuresRequested: 'ErasuresRequested',
  ErasuresCompleted: 'ErasuresCompleted',
  ErasuresFailed: 'ErasuresFailed',
  ExportsRequested: 'ExportsRequested',
  ExportsReady: 'ExportsReady',
  ExportsFailed: 'ExportsFailed',
} as const;
export type BusinessMetric = (typeof BusinessMetric)[keyof typeof BusinessMetric];

/** Counts one (or `count`) business event in this invocation's metrics. */
export function countEvent(name: BusinessMetric, count = 1): void {
  metrics.addMetric(name, MetricUnit.Count, count);
}

/**
 * Counts an event under one extra dimension of a fixed set of values (e.g. a thumbnail failure's
 * reason), in an EMF line of its own so the dimension does not spread to the invocation's other
 * metrics.
 */
export function countEventBy(name: BusinessMetric, dimension: string, value: string, count = 1): void {
  metrics.singleMetric().addDimension(dimension, value).addMetric(name, MetricUnit.Count, count);
}
