import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextOptions {
  /** When the invocation times out (epoch ms); `getRemainingTimeInMillis` counts down to it. */
  deadline: number;
  memoryLimitInMB?: number;
  awsRequestId?: string;
  /** The account in the function's ARN. Default 000000000000, the emulators' account. */
  accountId?: string;
}

/**
 * The `Context` Lambda hands a function, for a handler called outside Lambda (jest, benchmarks, the
 * local stream delivery). Callback-style completion (`done`, `fail`, `succeed`) does nothing: the
 * handlers here return promises.
 */
export function lambdaContext(functionName: string, options: LambdaContextOptions): Context {
  const {
    deadline,
    memoryLimitInMB = 1024,
    awsRequestId = randomUUID(),
    accountId = '000000000000',
  } = options;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:${accountId}:function:${functionName}`,
    memoryLimitInMB: String(memoryLimitInMB),
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
