import {
  CloudFrontFunctionError,
  MAX_FUNCTION_CODE_BYTES,
  loadCloudFrontFunction,
  type FunctionEvent,
} from './cloudfront-function';

// The viewer-request event of CloudFront's documentation ("Example event object"), trimmed.
function docsEvent(): FunctionEvent {
  return {
    version: '1.0',
    context: {
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      distributionId: 'EDFDVBD6EXAMPLE',
      eventType: 'viewer-request',
      requestId: 'EXAMPLEntjQpEXAMPLE_SG5Z-EXAMPLEPmPfEXAMPLEu3EqEXAMPLE==',
    },
    viewer: { ip: '198.51.100.11' },
    request: {
      method: 'GET',
      uri: '/media/index.mpd',
      querystring: {
        ID: { value: '42' },
        querymv: { value: 'val1', multiValue: [{ value: 'val1' }, { value: 'val2,val3' }] },
      },
      headers: { host: { value: 'video.example.com' }, accept: { value: 'application/json' } },
      cookies: { Cookie1: { value: 'value1' } },
    },
  };
}

function failure(code: string, event = docsEvent(), options = {}): CloudFrontFunctionError {
  try {
    loadCloudFrontFunction(code, options).run(event);
  } catch (err) {
    expect(err).toBeInstanceOf(CloudFrontFunctionError);
    return err as CloudFrontFunctionError;
  }
  throw new Error('expected the function to fail');
}

describe('loadCloudFrontFunction', () => {
  it('runs a global handler and returns the request it changed', () => {
    const fn = loadCloudFrontFunction(
      'function handler(event) { var r = event.request; r.uri = "/x" + r.uri; r.headers["x-seen"] = { value: r.querystring.ID.value }; return r; }',
    );
    const { result, durationMs } = fn.run(docsEvent());
    expect(result).toMatchObject({
      kind: 'request',
      request: { uri: '/x/media/index.mpd', headers: { 'x-seen': { value: '42' } } },
    });
    expect(durationMs).toBeGreaterThan(0);
  });

  it('returns a generated response', () => {
    const fn = loadCloudFrontFunction(
      'function handler() { return { statusCode: 302, statusDescription: "Found", headers: { location: { value: "https://aws.amazon.com/cloudfront/" } } }; }',
    );
    expect(fn.run(docsEvent()).result).toEqual({
      kind: 'response',
      response: {
        statusCode: 302,
        statusDescription: 'Found',
        headers: { location: { value: 'https://aws.amazon.com/cloudfront/' } },
      },
    });
  });

  it('settles an async handler within the run', () => {
    const fn = loadCloudFrontFunction(
      'async function handler(event) { const r = await Promise.resolve(event.request); return r; }',
    );
    expect(fn.run(docsEvent()).result.kind).toBe('request');
  });

  it('refuses code over 10 KB before running it', () => {
    const code = `function handler(e) { return e.request; }\n//${'x'.repeat(MAX_FUNCTION_CODE_BYTES)}`;
    expect(() => loadCloudFrontFunction(code)).toThrow(expect.objectContaining({ reason: 'code_too_large' }));
  });

  it('refuses code that defines no handler, or does not parse', () => {
    expect(() => loadCloudFrontFunction('var x = 1;')).toThrow(
      expect.objectContaining({ reason: 'no_handler' }),
    );
    expect(() => loadCloudFrontFunction('function handler( {')).toThrow(
      expect.objectContaining({ reason: 'syntax' }),
    );
  });

  it.each([
    ['eval', 'eval("1 + 1")'],
    ['the Function constructor', 'new Function("a", "b", "return a + b")'],
    ['timers', 'setTimeout(function () {}, 0)'],
    ['clearTimeout', 'clearTimeout(1)'],
    ['setImmediate', 'setImmediate(function () {})'],
    ['the network', 'fetch("https://example.com")'],
    ['XMLHttpRequest', 'new XMLHttpRequest()'],
    ['process', 'process.env.HOME'],
    ['the file system', 'require("fs")'],
    ['child processes', 'require("child_process")'],
    ['the cloudfront module (not emulated)', 'require("cloudfront")'],
    ['Intl (absent from the runtime)', 'new Intl.NumberFormat()'],
    ['WebAssembly', 'WebAssembly.Module'],
    ['a hash the runtime lacks', 'require("crypto").createHash("md4")'],
  ])('refuses %s', (_what, statement) => {
    expect(failure(`function handler(event) { ${statement}; return event.request; }`).reason).toBe(
      'execution',
    );
  });

  it('serves the crypto, querystring and buffer modules', () => {
    const fn = loadCloudFrontFunction(`
      var crypto = require('crypto');
      var qs = require('querystring');
      var Buffer = require('buffer').Buffer;
      function handler(event) {
        var r = event.request;
        r.headers['x-sha256'] = { value: crypto.createHash('sha256').update('abc').digest('hex') };
        r.headers['x-hmac'] = { value: crypto.createHmac('sha1', 'key').update('abc').digest('base64url') };
        r.headers['x-qs'] = { value: qs.stringify({ a: ['1', '2'], b: 'x y' }) };
        r.headers['x-b64'] = { value: Buffer.from('hi').toString('base64') };
        return r;
      }`);
    const result = fn.run(docsEvent()).result;
    if (result.kind !== 'request') throw new Error('expected a request');
    expect(result.request.headers).toMatchObject({
      'x-sha256': { value: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
      'x-hmac': { value: expect.stringMatching(/^[A-Za-z0-9_-]{27}$/) },
      'x-qs': { value: 'a=1&a=2&b=x%20y' },
      'x-b64': { value: 'aGk=' },
    });
  });

  it('stops the clock for the whole run', () => {
    const fn = loadCloudFrontFunction(`function handler(event) {
      var first = Date.now(); var spin = 0;
      for (var i = 0; i < 3e5; i++) spin += i;
      var r = event.request;
      r.headers['x-elapsed'] = { value: String(new Date().getTime() - first) };
      r.headers['x-spin'] = { value: String(spin > 0) };
      return r;
    }`);
    const result = fn.run(docsEvent()).result;
    expect(result.kind === 'request' && result.request.headers['x-elapsed']?.value).toBe('0');
  });

  it('stops a run that goes over its time budget', () => {
    expect(failure('function handler() { while (true) {} }', docsEvent(), { timeBudgetMs: 5 }).reason).toBe(
      'timeout',
    );
  });

  it('reports a promise that can never settle', () => {
    expect(failure('function handler() { return new Promise(function () {}); }').message).toMatch(
      /never settled/,
    );
  });

  it.each([
    ['a changed method', 'var r = e.request; r.method = "POST"; return r;', /read-only/],
    ['a uri without a leading slash', 'var r = e.request; r.uri = "media"; return r;', /start with/],
    [
      'an upper-case header name',
      'var r = e.request; r.headers["X-Bad"] = { value: "1" }; return r;',
      /lower case/,
    ],
    [
      'a header without a string value',
      'var r = e.request; r.headers["x-n"] = { value: 1 }; return r;',
      /string value/,
    ],
    ['a string status code', 'return { statusCode: "200" };', /not an HTTP status/],
    [
      'an unknown body encoding',
      'return { statusCode: 200, body: { encoding: "gzip", data: "" } };',
      /encoding/,
    ],
    ['invalid base64', 'return { statusCode: 200, body: { encoding: "base64", data: "%%%" } };', /base64/],
    ['nothing', 'return;', /no object/],
  ])('refuses %s as a result', (_what, body, message) => {
    const err = failure(`function handler(e) { ${body} }`);
    expect(err.reason).toBe('invalid_result');
    expect(err.message).toMatch(message);
  });

  it('passes what the function logs to the harness', () => {
    const lines: string[] = [];
    loadCloudFrontFunction('function handler(e) { console.log("uri", e.request.uri); return e.request; }', {
      log: (line) => lines.push(line),
    }).run(docsEvent());
    expect(lines).toEqual(['uri /media/index.mpd']);
  });
});
