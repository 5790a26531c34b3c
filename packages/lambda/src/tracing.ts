// Whether this function traces with the X-Ray SDK, and the chain's tracing middleware.
//
// Tracing is a switch per stage: POWERTOOLS_TRACE_ENABLED=true (serverless.yml, from the stage's
// `traceSdk` param). Loading the X-Ray SDK is the one piece of Powertools that alone breaks the
// cold-start budget, and carrying it unused still costs its parse (docs/performance.md). So the
// variable is read here exactly as written, `process.env.POWERTOOLS_TRACE_ENABLED === 'true'`: the
// deploy build defines it (services/serverless.shared.yml, esbuild `define`), and a stage that does
// not trace gets bundles without the tracer at all; one that does starts loading it while the module
// initialises, and the first invocation waits for it. Without a build (tests, tsx) it is read at run
// time. Lambda's own segments (active tracing, `provider.tracing.lambda`) need no SDK.
import type { MiddlewareObj } from '@middy/core';

/** True when the function traces: POWERTOOLS_TRACE_ENABLED is exactly `true`. */
export function tracingRequested(): boolean {
  return process.env.POWERTOOLS_TRACE_ENABLED === 'true';
}

type TracerModule = typeof import('./tracer.js');

let loaded: TracerModule | undefined;
// The condition is spelled out (not tracingRequested()) so a build that defines the variable folds
// it, and drops the import when it is not 'true'.
const loading: Promise<TracerModule> | undefined =
  process.env.POWERTOOLS_TRACE_ENABLED === 'true'
    ? import('./tracer.js').then((module) => (loaded = module))
    : undefined;
// A failed load fails the invocations that wait for it (their error is logged), not the process.
loading?.catch(() => undefined);

/** Adds a searchable annotation to the current trace segment, when tracing. */
export function annotate(key: string, value: string): void {
  loaded?.tracer.putAnnotation(key, value);
}

/** Powertools' handler subsegment middleware, once the tracer is loaded; nothing when not tracing. */
export function tracing<E, R>(): MiddlewareObj<E, R> {
  let inner: MiddlewareObj<E, R> | undefined;
  return {
    name: 'tracing',
    before: async (request) => {
      if (!loading) return;
      const module = await loading;
      inner ??= module.handlerSubsegment() as MiddlewareObj<E, R>;
      await inner.before?.(request);
    },
    // A middleware that returns a value ends the chain (middy): these return nothing.
    after: async (request) => {
      await inner?.after?.(request);
    },
    onError: async (request) => {
      await inner?.onError?.(request);
    },
  };
}
