// HTTP requests as CloudFront Functions see them, and back. Query values stay exactly as the viewer
// sent them (percent-encoding included), so a signed URL's parameters reach the origin request
// byte for byte.
import { randomBytes } from 'node:crypto';
import type { FunctionEvent, FunctionRequest, FunctionValues } from './cloudfront-function';

export interface ViewerRequest {
  method: string;
  /** Path and query string as received, e.g. `/a/b?w=640&Signature=...`. */
  target: string;
  /** Header names and values in the order received (Node's `rawHeaders` pairs flattened). */
  rawHeaders: string[];
  ip: string;
}

export interface Distribution {
  domainName: string;
  id: string;
}

function add(values: FunctionValues, name: string, value: string): void {
  const existing = values[name];
  if (!existing) {
    values[name] = { value };
    return;
  }
  existing.multiValue ??= [{ value: existing.value }];
  existing.multiValue.push({ value });
}

export function parseQuery(query: string): FunctionValues {
  const values: FunctionValues = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    add(values, at < 0 ? pair : pair.slice(0, at), at < 0 ? '' : pair.slice(at + 1));
  }
  return values;
}

export function viewerRequestEvent(viewer: ViewerRequest, distribution: Distribution): FunctionEvent {
  const at = viewer.target.indexOf('?');
  const headers: FunctionValues = {};
  const cookies: FunctionValues = {};
  for (let i = 0; i + 1 < viewer.rawHeaders.length; i += 2) {
    const name = (viewer.rawHeaders[i] as string).toLowerCase();
    const value = viewer.rawHeaders[i + 1] as string;
    if (name !== 'cookie') {
      add(headers, name, value);
      continue;
    }
    for (const cookie of value.split(';')) {
      const eq = cookie.indexOf('=');
      if (eq > 0) add(cookies, cookie.slice(0, eq).trim(), cookie.slice(eq + 1).trim());
    }
  }
  return {
    version: '1.0',
    context: {
      distributionDomainName: distribution.domainName,
      distributionId: distribution.id,
      eventType: 'viewer-request',
      requestId: randomBytes(30).toString('base64url'),
    },
    viewer: { ip: viewer.ip },
    request: {
      method: viewer.method,
      uri: at < 0 ? viewer.target : viewer.target.slice(0, at),
      querystring: parseQuery(at < 0 ? '' : viewer.target.slice(at + 1)),
      headers,
      cookies,
    },
  };
}

/** Every value of a field, first one first. */
export function allValues(field: FunctionValues[string] | undefined): string[] {
  if (!field) return [];
  return field.multiValue ? field.multiValue.map((v) => v.value) : [field.value];
}

/** The query string of a request a function returned, as CloudFront rebuilds it (no `?`). */
export function queryString(request: FunctionRequest): string {
  return Object.entries(request.querystring)
    .flatMap(([name, field]) => allValues(field).map((value) => (value === '' ? name : `${name}=${value}`)))
    .join('&');
}

/** A header of a function's request or response: the first value, or undefined. */
export function headerValue(values: FunctionValues | undefined, name: string): string | undefined {
  return values?.[name]?.value;
}
