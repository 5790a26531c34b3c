// Whether this function traces with the X-Ray SDK, and the chain's tracing middleware.
//
// Tracing is opt-in per function (POWERTOOLS_TRACE_ENABLED=true in its environment, set in
// serverless.yml): loading the X-Ray SDK is the one piece of Powertools that alone breaks the
// cold-start budget (docs/performance.md). A function that does not ask never evaluates the tracer
// module (it is bundled, behind a dynamic import); one that asks starts loading it while its module
// initialises, and the first invocation waits for it. Lambda's own segments (active tracing,
// `provider.tracing.lambda`) do not need the SDK and cost the function nothing at init.
import type { MiddlewareObj } from '@middy/core';

/** True when the environment opts in: POWERTOOLS_TRACE_ENABLED=true (Powertools' own variable). */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.POWERTOOLS_TRACE_ENABLED?.trim().toLowerCase() === 'true';
}

type TracerModule = typeof import('./tracer.js');

let loaded: TracerModule | undefined;
const loading: Promise<TracerModule> | undefined = tracingRequested()
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
