// Property-based fuzzing of every deployed route (the api and auth services' serverless.yml routes,
// served by local-http): adversarial path parameters, query strings, bodies and tokens never give a
// 5xx, always give problem+json when rejected, never write an item, and never pollute prototypes.
// Fixed seed and a modest number of runs per route, so CI cost is bounded and failures reproduce.
import path from 'node:path';
import { startLocalHttpServer, type HttpRoute, type LocalHttpServer } from '@gallery/testing/local-http';
import { startLocalWorkflows, type LocalWorkflows } from '@gallery/testing/local-workflows';
import fc from 'fast-check';
import { call, closeCognito, signUp, startApi, type TestUser } from '../support';
import { problemIssues, Tally, useOwnTable } from './support';

const SEED = 20_250_901;
const RUNS_PER_ROUTE = 50;
/** Runs per write route with well-formed but adversarial bodies (these may legitimately write). */
const RUNS_PER_WRITE_ROUTE = 40;

const table = useOwnTable('fuzz');
const tally = new Tally('fuzz');
let api: LocalHttpServer;
let auth: LocalHttpServer;
let workflows: LocalWorkflows;
let alice: TestUser;
/** Real ids for the semi-valid cases, by path parameter name. */
const fixture: Record<string, string> = {};

beforeAll(async () => {
  [api, auth, alice, workflows] = await Promise.all([
    startApi(),
    startLocalHttpServer({ serviceDir: path.resolve(__dirname, '../../../auth') }),
    signUp('fuzz'),
    // The account routes start the workflows' state machines.
    startLocalWorkflows({ serviceDir: path.resolve(__dirname, '../../../workflows') }),
  ]);
  // Something for valid-looking ids to miss or hit: an album with a photo and a comment.
  const album = await call(api, 'POST', '/v1/albums', {
    token: alice.token,
    body: { title: 'fuzz', visibility: 'private' },
  });
  const photo = await call(api, 'POST', `/v1/albums/${album.body.albumId}/photos`, {
    token: alice.token,
    body: { contentType: 'image/png', size: 10 },
  });
  const comment = await call(api, 'POST', `/v1/photos/${photo.body.photo.photoId}/comments`, {
    token: alice.token,
    body: { body: 'hi' },
  });
  Object.assign(fixture, {
    albumId: album.body.albumId,
    photoId: photo.body.photo.photoId,
    commentId: comment.body.commentId,
    handle: alice.handle,
  });
});

afterAll(async () => {
  tally.report();
  await Promise.all([api?.close(), auth?.close(), workflows?.close()]);
  closeCognito();
});

// ---- adversarial values ----------------------------------------------------------------------

const UNICODE_EDGES = [
  '\u0000',
  '\u202e',
  '\ufeff',
  '\ud83d\ude00',
  'e\u0301',
  '\u200d',
  '\uffff',
  'İ',
  'ß',
  '\u2028',
  '０１２',
  '𝔘𝔫𝔦',
];
const DELIMITERS = ['#', '$', '%', '/', '\\', '..', '|', ':', '*', '?', '&', '=', '+', ' ', '"', "'", '`'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty'];

/** Strings that have broken parsers, key builders and databases. */
const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'null',
    'undefined',
    'NaN',
    '-1',
    '1e309',
    '0x1F',
    '01ARZ3NDEKTSV4RRFFQ69G5FA#',
    '01ARZ3NDEKTSV4RRFFQ69G5FA$',
    '01arz3ndektsv4rrffq69g5fav',
    'USER#x#ALBUM#y',
    '$[0]',
    '${TABLE_NAME}',
    '{"$ne":null}',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '../../etc/passwd',
    'uploads/someone-else/01ARZ3NDEKTSV4RRFFQ69G5FAV',
    ...PROTO_KEYS,
    ...UNICODE_EDGES,
  ),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...DELIMITERS, ...UNICODE_EDGES))
    .map(([s, d]) => `${s}${d}${s}`),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 200, max: 3000 }).map((n) => 'A'.repeat(n)),
);

/** Path and query values must survive encodeURIComponent: no lone surrogates there. */
const urlSafe = nastyString
  .map((s) =>
    s.replace(/[\ud800-\udfff]/g, (c, i: number, all: string) => {
      const pair = /[\ud800-\udbff][\udc00-\udfff]/.test(all.slice(i - 1, i + 1) + all.slice(i, i + 2));
      return pair ? c : '?';
    }),
  )
  .filter((s) => {
    try {
      encodeURIComponent(s);
      return s.length > 0;
    } catch {
      return false;
    }
  });

const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value, sometimes deep, sometimes wide. */
const nastyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom(...PROTO_KEYS)), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const deepJson = fc.integer({ min: 100, max: 5000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
const deepObject = fc
  .integer({ min: 100, max: 2000 })
  .map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

/** Field names the routes know, so that fuzzed objects reach the field validators. */
const KNOWN_FIELDS = [
  'title',
  'description',
  'visibility',
  'version',
  'coverPhotoId',
  'contentType',
  'size',
  'caption',
  'body',
  'expiresInSeconds',
  'bio',
  'displayName',
  'email',
  'password',
  'handle',
  'code',
  'refreshToken',
];

/**
 * A body that must be rejected: malformed JSON, a non-object, a too-deep document, or an object that
 * carries at least one key no schema allows (a prototype-pollution key or a key delimiter), next to
 * adversarial values of known fields.
 */
const poisonBody = fc.oneof(
  fc.constantFrom('{', '{"title":', 'nul', '[1,]', '{"a":1}}', '\u0000', '{"__proto__":}').map((raw) => ({
    raw,
  })),
  fc
    .oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null), fc.array(nastyJson, { maxLength: 3 }))
    .map((value) => ({ raw: JSON.stringify(value) })),
  fc.oneof(deepJson, deepObject).map((raw) => ({ raw })),
  fc
    .tuple(
      fc.dictionary(fc.constantFrom(...KNOWN_FIELDS), nastyJson, { maxKeys: 5 }),
      fc.constantFrom(...PROTO_KEYS, 'pk', 'sk', 'ownerId', 'objectKey', 'status', 'likeCount', '#', '$set'),
      nastyJson,
    )
    .map(([known, key, value]) => {
      const json = JSON.stringify(known);
      const poison = `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`;
      // Spliced as text: an object literal would turn "__proto__" into a prototype, not a key.
      return { raw: json === '{}' ? `{${poison}}` : `{${poison},${json.slice(1)}` };
    }),
  fc
    .integer({ min: 65 * 1024, max: 200 * 1024 })
    .map((n) => ({ raw: JSON.stringify({ title: 'x'.repeat(n) }) })),
);

const nastyQuery = fc.dictionary(
  fc.constantFrom('limit', 'cursor', 'limit', 'cursor', '__proto__', 'constructor', '$where', 'a#b'),
  fc.oneof(urlSafe, nastyNumber.map(String), fc.constantFrom('0', '101', '-5', '1.5', '1e2', ' 20', '')),
  { maxKeys: 3 },
);

const tokenChoice = fc.constantFrom('valid', 'valid', 'valid', 'none', 'garbage', 'alg-none');

function tokenFor(choice: string): Record<string, string> {
  if (choice === 'valid') return { authorization: `Bearer ${alice.token}` };
  if (choice === 'garbage') return { authorization: 'Bearer ' + 'x'.repeat(50) };
  if (choice === 'alg-none') {
    const [, payload] = alice.token.split('.') as [string, string];
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    return { authorization: `Bearer ${header}.${payload}.` };
  }
  return {};
}

// ---- the property ----------------------------------------------------------------------------

const HAS_BODY = new Set(['POST', 'PUT', 'PATCH']);

function paramNames(route: HttpRoute): string[] {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

/** Methods that may change state: every fuzzed request to them is invalid, so none may write. */
const mutates = (route: HttpRoute): boolean => route.method !== 'GET';

interface Case {
  params: string[];
  query: Record<string, string>;
  body: { raw: string } | undefined;
  token: string;
}

function caseArbitrary(route: HttpRoute): fc.Arbitrary<Case> {
  const names = paramNames(route);
  return fc.record({
    params: fc.tuple(...names.map(() => urlSafe)),
    query: nastyQuery,
    body: HAS_BODY.has(route.method) ? poisonBody : fc.constant(undefined),
    token: tokenChoice,
  });
}

function urlOf(route: HttpRoute, c: Case): string {
  let i = 0;
  let url = route.path.replace(/\{\w+\}/g, () => encodeURIComponent(c.params[i++] as string));
  const query = new URLSearchParams(c.query).toString();
  if (query) url += `?${query}`;
  return url;
}

/**
 * True when the request is certainly invalid for a mutating route: a path parameter that is not a
 * valid id, or a poisoned body. (Routes without either, like PATCH /v1/me, always get a poison body.)
 */
function certainlyInvalid(route: HttpRoute, c: Case): boolean {
  if (c.body) return true;
  return c.params.length > 0 && c.params.every((p) => !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(p));
}

async function fuzzRoute(server: LocalHttpServer, route: HttpRoute): Promise<void> {
  const before = await table.countItems();
  await fc.assert(
    fc.asyncProperty(caseArbitrary(route), async (c) => {
      const url = urlOf(route, c);
      const res = await call(server, route.method, url, {
        headers: { ...tokenFor(c.token), ...(c.body ? { 'content-type': 'application/json' } : {}) },
        body: c.body?.raw,
      });
      tally.add('cases');
      tally.add(`status ${Math.floor(res.status / 100)}xx`);
      if (res.status >= 500)
        throw new Error(`${route.method} ${url} → ${res.status}: ${res.text.slice(0, 300)}`);
      if (res.status >= 400) {
        const issues = problemIssues(res);
        if (issues.length > 0)
          throw new Error(`${route.method} ${url} → ${res.status}: ${issues.join('; ')}`);
      }
      if (mutates(route) && certainlyInvalid(route, c) && res.status < 400) {
        throw new Error(`${route.method} ${url} accepted an invalid request: ${res.status}`);
      }
      if (mutates(route)) {
        const after = await table.countItems();
        if (after !== before) throw new Error(`${route.method} ${url} wrote ${after - before} item(s)`);
      }
    }),
    { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
  );
  // GETs never write either: one check per route is enough.
  expect(await table.countItems()).toBe(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('a');
  tally.add('routes');
}

describe('every api route, fuzzed', () => {
  it('has routes to fuzz', () => {
    expect(api.routes.length).toBeGreaterThanOrEqual(20);
  });
  it('never 5xx, always problem+json, never writes', async () => {
    for (const route of api.routes) await fuzzRoute(api, route);
  }, 240_000);
});

describe('every auth route, fuzzed (rejected before Cognito is called)', () => {
  it('never 5xx, always problem+json, never writes', async () => {
    const routes = auth.routes.filter((route) => HAS_BODY.has(route.method));
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const route of routes) await fuzzRoute(auth, route);
  }, 120_000);
});

/**
 * Well-formed requests to the write routes (real ids, only known field names) whose values are
 * adversarial: huge, unicode edge cases, out-of-range numbers, wrong types. They may succeed; when
 * they do not, they answer problem+json and write nothing; they never 5xx.
 */
const VALID_BODY: Record<string, Record<string, unknown>> = {
  'POST /v1/albums': { title: 't', visibility: 'private' },
  'PATCH /v1/albums/{albumId}': { version: 1, title: 't' },
  'POST /v1/albums/{albumId}/photos': { contentType: 'image/png', size: 10 },
  'POST /v1/albums/{albumId}/shares': { expiresInSeconds: 600 },
  'PATCH /v1/photos/{photoId}': { version: 1, caption: 'c' },
  'POST /v1/photos/{photoId}/comments': { body: 'b' },
  'PATCH /v1/me': { bio: 'b' },
  'POST /v1/me/exports': {},
};

describe('write routes with well-formed but adversarial bodies', () => {
  it('never 5xx; a rejected request writes nothing', async () => {
    const routes = api.routes.filter((route) => route.method === 'POST' || route.method === 'PATCH');
    expect(routes.length).toBeGreaterThanOrEqual(6);
    const value = fc.oneof(
      nastyString,
      nastyNumber,
      nastyJson,
      fc.constantFrom('public', 'private', 'image/png'),
    );
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...KNOWN_FIELDS), value, { maxKeys: 2 }),
          async (overrides) => {
            // A valid body with one or two fields replaced, so most cases reach the data layer.
            const body = { ...VALID_BODY[`${route.method} ${route.path}`], ...overrides };
            const url = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => fixture[name] ?? 'x');
            const before = await table.countItems();
            const res = await call(api, route.method, url, { token: alice.token, body });
            tally.add('well-formed cases');
            tally.add(`well-formed ${Math.floor(res.status / 100)}xx`);
            if (res.status >= 500)
              throw new Error(`${route.method} ${url} → ${res.status}: ${res.text.slice(0, 300)}`);
            if (res.status >= 400) {
              const issues = problemIssues(res);
              if (issues.length > 0)
                throw new Error(`${route.method} ${url} → ${res.status}: ${issues.join('; ')}`);
              const after = await table.countItems();
              if (after !== before)
                throw new Error(`${route.method} ${url} → ${res.status} but wrote ${after - before}`);
            }
          },
        ),
        { seed: SEED, numRuns: RUNS_PER_WRITE_ROUTE, endOnFailure: true },
      );
      tally.add('write routes');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 240_000);
});
