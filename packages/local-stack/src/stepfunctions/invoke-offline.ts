// Task states under `pnpm dev`: the function runs in serverless-offline, invoked through its Lambda
// endpoint (the Lambda Invoke API). serverless-offline reports every error as `errorType: "Error"`;
// the real name is the first word of the first line of its trace (`UnavailableError: ...`), so
// Retry and Catch on a custom error match locally as on AWS.
import type { ServiceFunction } from './definitions';
import { TaskFunctionError, type TaskInvoker } from './runner';

interface LambdaError {
  errorType?: string;
  errorMessage?: string;
  trace?: string[];
}

/** The error name a failed invocation's trace shows, else its errorType. Pure. */
export function errorName(error: LambdaError): string {
  const named = /^([A-Za-z_$][\w$.]*)(?::|$)/.exec(error.trace?.[0]?.trim() ?? '')?.[1];
  return named && named !== 'Error' ? named : (error.errorType ?? 'Error');
}

export function offlineInvoker(lambdaEndpoint: string): TaskInvoker {
  return async (fn: ServiceFunction, input: unknown) => {
    const response = await fetch(`${lambdaEndpoint}/2015-03-31/functions/${fn.name}/invocations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const text = await response.text();
    const body = text ? (JSON.parse(text) as unknown) : null;
    if (response.headers.get('x-amz-function-error') || response.status >= 400) {
      const error = (body ?? {}) as LambdaError;
      throw new TaskFunctionError(errorName(error), error.errorMessage ?? text, error.trace ?? []);
    }
    return body;
  };
}
