// How the local event source mapping calls a function, and how it reads the answer as Lambda does.
//
// Two invokers: serverless-offline's Lambda Invoke endpoint (what `pnpm dev` uses: the function runs
// in the service's own process, built by serverless-esbuild), and an in-process one for jest. Either
// reports a function error as Lambda's Invoke API does: a payload with errorType/errorMessage.
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../lambda-context';
import type { LambdaStreamRecord } from './record';

export interface FunctionError {
  errorType: string;
  errorMessage: string;
}

export type InvokeResult = { ok: true; payload: unknown } | { ok: false; error: FunctionError };

/** The function could not be invoked at all (not deployed yet, endpoint down): retried, not counted. */
export class InvokeUnavailableError extends Error {
  override name = 'InvokeUnavailableError';
}

export interface StreamEvent {
  Records: LambdaStreamRecord[];
}

export type Invoker = (functionName: string, event: StreamEvent) => Promise<InvokeResult>;

/**
 * serverless-offline's Lambda endpoint (`--lambdaPort`). A function error comes back as a 200 with
 * `X-Amz-Function-Error` and an `{errorMessage, errorType}` payload; it names every error "Error".
 */
export function httpInvoker(lambdaEndpoint: string): Invoker {
  return async (functionName, event) => {
    let response: Response;
    try {
      response = await fetch(
        `${lambdaEndpoint}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(event),
        },
      );
    } catch (err) {
      throw new InvokeUnavailableError(`${functionName}: ${(err as Error).message}`, { cause: err });
    }
    const text = await response.text();
    if (response.status !== 200) {
      throw new InvokeUnavailableError(`${functionName}: HTTP ${response.status} ${text.slice(0, 200)}`);
    }
    const payload: unknown = text === '' ? null : JSON.parse(text);
    if (response.headers.get('x-amz-function-error')) {
      const error = (payload ?? {}) as Partial<FunctionError>;
      return {
        ok: false,
        error: { errorType: error.errorType ?? 'Error', errorMessage: error.errorMessage ?? text },
      };
    }
    return { ok: true, payload };
  };
}

export type StreamHandler = (event: StreamEvent, context: Context) => Promise<unknown>;

export interface InProcessFunction {
  handler: StreamHandler;
  /** The function's `timeout` in seconds: a longer run is a function error, as on Lambda. */
  timeoutSeconds: number;
}

/**
 * Calls handlers in this process (jest). The event and the answer go through JSON as they do on
 * Lambda. A handler still running at its timeout is reported as Lambda reports it; like a timed-out
 * Lambda it may still finish writes it had started (here it even runs on: a test must not rely on it
 * stopping).
 */
export function inProcessInvoker(functions: Record<string, InProcessFunction>): Invoker {
  return async (functionName, event) => {
    const fn = functions[functionName];
    if (!fn) throw new InvokeUnavailableError(`${functionName}: no such function in this process`);
    const timeoutMs = fn.timeoutSeconds * 1000;
    const context = lambdaContext(functionName, { deadline: Date.now() + timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const result = await Promise.race([
        fn.handler(JSON.parse(JSON.stringify(event)) as StreamEvent, context),
        timedOut,
      ]);
      if (result === 'timeout') {
        return {
          ok: false,
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${fn.timeoutSeconds}.00 seconds`,
          },
        };
      }
      return { ok: true, payload: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      return { ok: false, error: { errorType: error.name, errorMessage: error.message } };
    } finally {
      clearTimeout(timer);
    }
  };
}

export type BatchOutcome =
  | { kind: 'success' }
  /** Records before `from` are done; Lambda retries from the record at index `from`. */
  | { kind: 'partial'; from: number }
  | { kind: 'failure'; reason: string };

/**
 * What Lambda makes of an invocation's answer. Without ReportBatchItemFailures only a function
 * error fails the batch. With it: no answer, an empty answer, or an empty/null `batchItemFailures`
 * is success; an entry with a missing, null, empty or unknown `itemIdentifier` fails the whole batch
 * (as does an answer that is not an object); otherwise Lambda resumes at the lowest sequence number
 * reported.
 */
export function batchOutcome(
  result: InvokeResult,
  records: readonly LambdaStreamRecord[],
  reportBatchItemFailures: boolean,
): BatchOutcome {
  if (!result.ok)
    return { kind: 'failure', reason: `${result.error.errorType}: ${result.error.errorMessage}` };
  if (!reportBatchItemFailures) return { kind: 'success' };
  const payload = result.payload;
  if (payload === null || payload === undefined) return { kind: 'success' };
  if (typeof payload !== 'object' || Array.isArray(payload)) {
    return { kind: 'failure', reason: `malformed batch response: ${JSON.stringify(payload).slice(0, 200)}` };
  }
  const failures = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures))
    return { kind: 'failure', reason: 'malformed batch response: batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  let from = records.length;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index =
      typeof id === 'string' && id !== '' ? records.findIndex((r) => r.dynamodb.SequenceNumber === id) : -1;
    if (index === -1) {
      return {
        kind: 'failure',
        reason: `malformed batch response: itemIdentifier ${JSON.stringify(id)} is not in the batch`,
      };
    }
    from = Math.min(from, index);
  }
  return { kind: 'partial', from };
}
