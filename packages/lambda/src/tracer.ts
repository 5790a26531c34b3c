// The tracer of a traced function: Powertools Tracer over the X-Ray SDK, one per process (module
// singleton). Loaded by ./tracing.ts only when the function's environment asks for it
// (POWERTOOLS_TRACE_ENABLED=true): the X-Ray SDK is the largest piece of Powertools at load time
// (figures in docs/performance.md).
//
// With the function's active tracing on (serverless.yml `provider.tracing.lambda`), Lambda opens the
// invocation's segment; the chain (./observe.ts) adds the handler's subsegment with the ColdStart,
// Service and correlation_id annotations, and every AWS SDK client of the process (DynamoDB, S3,
// Cognito: registered through @gallery/core/instrumentation) records each request as a subsegment.
// Outside Lambda (tests, pnpm dev) the tracer is off and touches nothing.
//
// Responses are never recorded as trace metadata (the login route's are tokens); errors are, but only
// of invocations that fail (an HTTP function maps every error to a response before the tracer sees it).
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { addClientInstrument } from '@gallery/core/instrumentation';

export const tracer = new Tracer();

if (tracer.isTracingEnabled()) {
  addClientInstrument((client) => {
    tracer.captureAWSv3Client(client as Parameters<Tracer['captureAWSv3Client']>[0]);
  });
}

/** Powertools' middy middleware for the handler's subsegment. */
export const handlerSubsegment = () => captureLambdaHandler(tracer, { captureResponse: false });
