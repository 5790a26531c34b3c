// Lambda@Edge origin-response events as CloudFront builds them, and what CloudFront does with the
// function's answer: the event and result shapes of "Lambda@Edge event structure", the 1 MB limit
// on a response a function generates, and the headers a function may not set.
import type {
  CloudFrontHeaders,
  CloudFrontResponse,
  CloudFrontResponseEvent,
  CloudFrontResultResponse,
} from 'aws-lambda';

/** Lambda@Edge's limit on a generated origin response, headers and body (as sent) included. */
export const GENERATED_RESPONSE_LIMIT = 1024 * 1024;

// Headers an origin-response function cannot add or change (CloudFront answers 502 if it does).
const DISALLOWED = [
  'connection',
  'expect',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'trailer',
  'upgrade',
  'x-accel-buffering',
  'x-accel-charset',
  'x-accel-limit-rate',
  'x-accel-redirect',
  'x-cache',
  'x-forwarded-proto',
  'x-real-ip',
];
const DISALLOWED_PREFIXES = ['x-amz-cf-', 'x-amzn-', 'x-edge-'];
const READ_ONLY = ['transfer-encoding', 'via'];

export interface OriginResponseInput {
  distribution: { domainName: string; id: string };
  request: { method: string; uri: string; querystring: string; clientIp: string; headers: Headers };
  /** The S3 origin the request went to, as CloudFront names it. */
  origin: { domainName: string; region: string };
  response: { status: number; statusText: string; headers: Headers };
}

const isDisallowed = (name: string) =>
  DISALLOWED.includes(name) || DISALLOWED_PREFIXES.some((prefix) => name.startsWith(prefix));

/** Headers in Lambda@Edge's shape; the disallowed ones are not exposed to functions. */
export function toCloudFrontHeaders(headers: Headers): CloudFrontHeaders {
  const out: CloudFrontHeaders = {};
  headers.forEach((value, name) => {
    if (isDisallowed(name)) return;
    (out[name] ??= []).push({
      key: name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()),
      value,
    });
  });
  return out;
}

export function originResponseEvent(input: OriginResponseInput): CloudFrontResponseEvent {
  return {
    Records: [
      {
        cf: {
          config: {
            distributionDomainName: input.distribution.domainName,
            distributionId: input.distribution.id,
            eventType: 'origin-response',
            requestId: '',
          },
          request: {
            clientIp: input.request.clientIp,
            method: input.request.method,
            uri: input.request.uri,
            querystring: input.request.querystring,
            headers: toCloudFrontHeaders(input.request.headers),
            origin: {
              s3: {
                authMethod: 'origin-access-identity',
                customHeaders: {},
                domainName: input.origin.domainName,
                path: '',
                region: input.origin.region,
              },
            },
          },
          response: {
            status: String(input.response.status),
            statusDescription: input.response.statusText,
            headers: toCloudFrontHeaders(input.response.headers),
          },
        },
      },
    ],
  };
}

/** Why CloudFront would not use what a Lambda@Edge function returned (it answers 502). */
export class LambdaEdgeResultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LambdaEdgeResultError';
  }
}

export interface EdgeResponse {
  status: number;
  statusText: string;
  headers: Headers;
  /** undefined: the origin's body, unchanged. */
  body: Buffer | undefined;
}

/** The HTTP response CloudFront makes of an origin-response function's result. */
export function applyOriginResponseResult(
  result: CloudFrontResponse | CloudFrontResultResponse | null | undefined,
  original: CloudFrontResponse,
): EdgeResponse {
  if (!result) throw new LambdaEdgeResultError('the function returned no response');
  const status = Number(result.status);
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new LambdaEdgeResultError(`status ${JSON.stringify(result.status)} is not an HTTP status`);
  }
  const headers = new Headers();
  let headerBytes = 0;
  for (const [name, values] of Object.entries(result.headers ?? {})) {
    if (name !== name.toLowerCase())
      throw new LambdaEdgeResultError(`header key "${name}" is not lower case`);
    const disallowed =
      DISALLOWED.includes(name) || DISALLOWED_PREFIXES.some((prefix) => name.startsWith(prefix));
    const changedReadOnly =
      READ_ONLY.includes(name) && JSON.stringify(values) !== JSON.stringify(original.headers[name]);
    if (disallowed || changedReadOnly)
      throw new LambdaEdgeResultError(`the function may not set the ${name} header`);
    for (const { value } of values) {
      headers.append(name, value);
      headerBytes += name.length + value.length + 4;
    }
  }
  const generated = 'body' in result && result.body !== undefined;
  let body: Buffer | undefined;
  if (generated) {
    const text = result.body as string;
    const encoding = result.bodyEncoding ?? 'text';
    if (encoding !== 'text' && encoding !== 'base64')
      throw new LambdaEdgeResultError(`bodyEncoding ${encoding}`);
    if (headerBytes + text.length > GENERATED_RESPONSE_LIMIT) {
      throw new LambdaEdgeResultError(
        `the generated response is ${headerBytes + text.length} bytes, over Lambda@Edge's ${GENERATED_RESPONSE_LIMIT}`,
      );
    }
    body = encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  }
  return { status, statusText: result.statusDescription ?? '', headers, body };
}
