// Builders for API Gateway v2 events and Lambda contexts, for handler unit tests. Never bundled into a Lambda.

import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { lambdaContext as localLambdaContext } from '@gallery/local-stack/lambda-context';

export interface HttpEventInput {
  method?: string;
  path?: string;
  /** A string is sent as is; anything else is JSON-encoded. */
  body?: unknown;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  isBase64Encoded?: boolean;
}

export function httpEvent(input: HttpEventInput = {}): APIGatewayProxyEventV2 {
  const method = input.method ?? 'GET';
  const path = input.path ?? '/';
  const body =
    input.body === undefined
      ? undefined
      : typeof input.body === 'string'
        ? input.body
        : JSON.stringify(input.body);
  const headers: Record<string, string> = {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...input.headers,
  };
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(input.query ?? {}).toString(),
    headers,
    queryStringParameters: input.query,
    pathParameters: input.pathParameters,
    body,
    isBase64Encoded: input.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'api-request-id',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '01/Jan/2025:00:00:00 +0000',
      timeEpoch: 1735689600000,
    },
  };
}

let invocation = 0;

export function lambdaContext(overrides: Partial<Context> = {}): Context {
  invocation += 1;
  return {
    ...localLambdaContext('test-function', {
      deadline: Date.now() + 10_000,
      memoryLimitInMB: 512,
      awsRequestId: `request-${invocation}`,
      accountId: '123456789012',
    }),
    ...overrides,
  };
}
