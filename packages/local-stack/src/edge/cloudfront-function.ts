// Runs the real code of a CloudFront Function (cloudfront-js-2.0) in a `node:vm` context shaped
// like the runtime CloudFront documents, so that what passes here does not fail at the edge for
// a reason the harness could have seen:
// - code size: at most 10 KB (CloudFront's limit), checked on load;
// - no dynamic code: `eval` and `new Function` throw (the context refuses code generation);
// - no timers, no network, no file system: `setTimeout`, `fetch`, `process`, `require('fs')` do
//   not exist; `require` serves only the runtime's modules (`crypto` hash/HMAC with md5, sha1 and
//   sha256, `querystring`, `buffer`); `cloudfront` (KeyValueStore, origin helpers) is not emulated
//   and throws;
// - `Date` stands still: every clock read in one run returns the run's start time;
// - a time budget per run (CloudFront stops a function that exceeds its compute allowance);
// - the returned request or response must keep CloudFront's shape (method read-only, a uri that
//   starts with `/`, lower-case header names, integer status codes, text or base64 bodies).
// Not emulated: the 2 MB memory limit, and the syntax CloudFront's engine lacks (the build of each
// function restricts syntax instead: see services/edge/scripts/viewer-request-code.js).
import { createHash, createHmac } from 'node:crypto';
import querystring from 'node:querystring';
import vm from 'node:vm';
import type { CloudFrontFunctionsEvent, CloudFrontFunctionsHeaders } from 'aws-lambda';

/** CloudFront Functions' limit on a function's code. */
export const MAX_FUNCTION_CODE_BYTES = 10 * 1024;
/**
 * Default budget of one run. CloudFront allows about 1 ms of compute; node:vm can only bound wall
 * time, which a loaded machine stretches (on a 2-core machine at load 8, sub-millisecond runs took
 * over 250 ms, and once over a second, while renders and GC shared the process), so this only stops
 * runaway code; `pnpm bench:edge` measures the real cost.
 */
export const DEFAULT_TIME_BUDGET_MS = 5_000;
/** Budget for evaluating the code once, when it is loaded (compilation included). */
const LOAD_BUDGET_MS = 2_000;

export type FunctionValues = CloudFrontFunctionsHeaders;
export type FunctionValue = FunctionValues[string];
export type FunctionEvent = Omit<CloudFrontFunctionsEvent, 'response'>;
export type FunctionRequest = FunctionEvent['request'];

export interface FunctionResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: FunctionValues;
  cookies?: Record<string, FunctionValue & { attributes?: string }>;
  body?: string | { encoding: 'text' | 'base64'; data: string };
}

export type FunctionResult =
  { kind: 'request'; request: FunctionRequest } | { kind: 'response'; response: FunctionResponse };

/** Why a function could not be loaded or did not produce a usable result (CloudFront answers 5xx). */
export class CloudFrontFunctionError extends Error {
  constructor(
    readonly reason: 'code_too_large' | 'syntax' | 'no_handler' | 'execution' | 'timeout' | 'invalid_result',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CloudFrontFunctionError';
  }
}

export interface LoadOptions {
  /** Wall-clock budget of one run, ms. */
  timeBudgetMs?: number;
  /** Receives what the function logs with console.log. */
  log?: (line: string) => void;
}

export interface CloudFrontFunction {
  readonly bytes: number;
  /** Runs the handler on `event`; `durationMs` covers the run inside the context. */
  run(event: FunctionEvent): { result: FunctionResult; durationMs: number };
}

const HASHES = new Set(['md5', 'sha1', 'sha256']);
const DIGEST_ENCODINGS = new Set(['hex', 'base64', 'base64url']);

/** The documented surface of the runtime's `crypto` module, and nothing else. */
function cryptoModule() {
  const digestible = (make: () => ReturnType<typeof createHash>) => {
    const inner = make();
    const wrapped = {
      update(data: string | Buffer) {
        inner.update(data);
        return wrapped;
      },
      digest(encoding?: string) {
        if (encoding === undefined) return inner.digest();
        if (!DIGEST_ENCODINGS.has(encoding)) throw new TypeError(`unsupported digest encoding "${encoding}"`);
        return inner.digest(encoding as 'hex' | 'base64' | 'base64url');
      },
    };
    return wrapped;
  };
  const algorithm = (name: string) => {
    if (!HASHES.has(name)) throw new TypeError(`unsupported algorithm "${name}"`);
    return name;
  };
  return Object.freeze({
    createHash: (name: string) => digestible(() => createHash(algorithm(name))),
    createHmac: (name: string, key: string | Buffer) =>
      digestible(() => createHmac(algorithm(name), key) as unknown as ReturnType<typeof createHash>),
  });
}

function runtimeRequire(name: string): unknown {
  switch (name) {
    case 'crypto':
      return cryptoModule();
    case 'querystring':
      return Object.freeze({
        parse: querystring.parse,
        decode: querystring.decode,
        stringify: querystring.stringify,
        encode: querystring.encode,
        escape: querystring.escape,
        unescape: querystring.unescape,
      });
    case 'buffer':
      return Object.freeze({ Buffer });
    case 'cloudfront':
      throw new Error("the 'cloudfront' module (KeyValueStore, origin helpers) is not emulated locally");
    default:
      throw new Error(`Cannot find module '${name}'`);
  }
}

// V8 built-ins the CloudFront runtime does not have: code that used them would pass here and fail
// at the edge.
const ABSENT_GLOBALS = [
  'WebAssembly',
  'SharedArrayBuffer',
  'Atomics',
  'WeakRef',
  'FinalizationRegistry',
  'Intl',
];

// Evaluated once per context: a Date whose clock reads return the value set before each run.
const FROZEN_DATE = `(() => {
  const RealDate = Date;
  let now = 0;
  function FrozenDate(...args) {
    if (!new.target) return new RealDate(now).toString();
    return args.length === 0 ? new RealDate(now) : new RealDate(...args);
  }
  FrozenDate.prototype = RealDate.prototype;
  FrozenDate.now = () => now;
  FrozenDate.parse = RealDate.parse;
  FrozenDate.UTC = RealDate.UTC;
  globalThis.Date = FrozenDate;
  return (time) => { now = time; };
})()`;

// Runs the handler on the JSON event and leaves JSON out: what crosses the boundary is data, as at
// the edge. An async handler settles within the same run (microtasks drain before it returns).
const INVOKE = new vm.Script(`(() => {
  __out = undefined; __err = undefined;
  const settle = (value) => { __out = JSON.stringify(value === undefined ? null : value); };
  const fail = (error) => { __err = error && error.stack ? String(error.stack) : String(error); };
  try {
    const result = handler(JSON.parse(__in));
    if (result && typeof result.then === 'function') result.then(settle, fail);
    else settle(result);
  } catch (error) { fail(error); }
})()`);

const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

function checkValues(values: unknown, what: string, lowerCase: boolean): void {
  if (values === undefined) return;
  if (typeof values !== 'object' || values === null) throw new Error(`${what} is not an object`);
  for (const [name, field] of Object.entries(values as Record<string, unknown>)) {
    if (lowerCase && !HEADER_NAME.test(name)) throw new Error(`${what} name "${name}" is not lower case`);
    const entry = field as FunctionValue;
    if (typeof entry !== 'object' || entry === null || typeof entry.value !== 'string') {
      throw new Error(`${what} "${name}" has no string value`);
    }
    if (entry.multiValue !== undefined && !Array.isArray(entry.multiValue)) {
      throw new Error(`${what} "${name}" has a multiValue that is not an array`);
    }
  }
}

/** What CloudFront checks of a function's return value before using it. */
export function validateResult(value: unknown, original: FunctionRequest): FunctionResult {
  if (typeof value !== 'object' || value === null) throw new Error('the function returned no object');
  const object = value as Record<string, unknown>;
  if ('statusCode' in object) {
    const response = object as unknown as FunctionResponse;
    if (!Number.isInteger(response.statusCode) || response.statusCode < 100 || response.statusCode > 599) {
      throw new Error(`statusCode ${JSON.stringify(response.statusCode)} is not an HTTP status`);
    }
    checkValues(response.headers, 'response header', true);
    const body = response.body;
    if (body !== undefined && typeof body !== 'string') {
      if (body.encoding !== 'text' && body.encoding !== 'base64')
        throw new Error('body encoding is not text or base64');
      if (typeof body.data !== 'string') throw new Error('body data is not a string');
      if (body.encoding === 'base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(body.data)) {
        throw new Error('body data is not valid base64');
      }
    }
    return { kind: 'response', response };
  }
  const request = object as unknown as FunctionRequest;
  if (request.method !== original.method) throw new Error('the request method is read-only');
  if (typeof request.uri !== 'string' || !request.uri.startsWith('/'))
    throw new Error('uri must start with "/"');
  checkValues(request.querystring, 'query parameter', false);
  checkValues(request.headers, 'request header', true);
  checkValues(request.cookies, 'cookie', false);
  return { kind: 'request', request };
}

export function loadCloudFrontFunction(code: string, options: LoadOptions = {}): CloudFrontFunction {
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > MAX_FUNCTION_CODE_BYTES) {
    throw new CloudFrontFunctionError(
      'code_too_large',
      `function code is ${bytes} bytes, over CloudFront's ${MAX_FUNCTION_CODE_BYTES}`,
    );
  }
  const timeout = Math.max(1, Math.round(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS));
  const log = options.log ?? (() => undefined);
  const sandbox: Record<string, unknown> = {
    console: Object.freeze({ log: (...parts: unknown[]) => log(parts.map(String).join(' ')) }),
    require: runtimeRequire,
  };
  const context = vm.createContext(sandbox, {
    name: 'cloudfront-js-2.0',
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: 'afterEvaluate',
  });
  for (const name of ABSENT_GLOBALS) vm.runInContext(`delete globalThis.${name}`, context);
  const setNow = vm.runInContext(FROZEN_DATE, context) as (time: number) => void;

  try {
    // Functions always run in strict mode at the edge.
    new vm.Script(`"use strict";\n${code}`, { filename: 'function.js' }).runInContext(context, {
      timeout: LOAD_BUDGET_MS,
    });
  } catch (err) {
    const reason =
      err instanceof SyntaxError || (err as Error)?.name === 'SyntaxError' ? 'syntax' : 'execution';
    throw new CloudFrontFunctionError(reason, `function code failed to load: ${String(err)}`, { cause: err });
  }
  if (typeof sandbox.handler !== 'function') {
    throw new CloudFrontFunctionError('no_handler', 'function code defines no global handler(event)');
  }

  return {
    bytes,
    run(event) {
      sandbox.__in = JSON.stringify(event);
      setNow(Date.now());
      const started = process.hrtime.bigint();
      try {
        INVOKE.runInContext(context, { timeout });
      } catch (err) {
        const timedOut = /timed out/i.test(String(err));
        throw new CloudFrontFunctionError(
          timedOut ? 'timeout' : 'execution',
          timedOut ? `the function ran over its ${timeout} ms budget` : `the function failed: ${String(err)}`,
          { cause: err },
        );
      }
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (typeof sandbox.__err === 'string') {
        throw new CloudFrontFunctionError('execution', `the function threw: ${sandbox.__err}`);
      }
      if (typeof sandbox.__out !== 'string') {
        // A promise still pending after the microtasks drained can only be waiting on something
        // the runtime does not have (a timer, the network).
        throw new CloudFrontFunctionError('execution', 'the function returned a promise that never settled');
      }
      try {
        return { result: validateResult(JSON.parse(sandbox.__out), event.request), durationMs };
      } catch (err) {
        throw new CloudFrontFunctionError(
          'invalid_result',
          `invalid function result: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
    },
  };
}
