// DynamoDB faults, for real: a private DynamoDB Local behind a TCP proxy of this test's own. The
// proxy can refuse connections (listener closed), black-hole them (accept, never answer), or the
// DynamoDB Local process itself can be stopped and started again on the same port. Routes answer
// 503 problem+json within their Lambda timeout, recover once the database is back, and a burst of
// transactional writes cut off mid-way leaves every counter equal to the items it counts.
import { registerUser } from '@gallery/core/access/users';
import { CLIENT_DEFAULTS } from '@gallery/core/client';
import type { LocalHttpServer } from '@gallery/testing/local-http';
import { startDynamoDbLocal, type DynamoDbLocal } from '@gallery/local-stack/dynamodb';
import { FaultProxy } from '@gallery/local-stack/fault-proxy';
import { call, closeCognito, signUp, startApi, type ApiResponse, type TestUser } from '../support';
import { counterDrift, problemIssues, Tally, useOwnTable } from './support';

/** The api functions' Lambda timeout (config.yml): an answer must come before it. */
const ROUTE_TIMEOUT_MS = 10_000;

let dynamo: DynamoDbLocal;
let dynamoPort = 0;
const proxy = new FaultProxy(() => dynamoPort);

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
  dynamoPort = Number(new URL(dynamo.endpoint).port);
  await proxy.listen();
  // The core client singleton is created on first use, after this: it talks through the proxy.
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${proxy.port}`;
}, 120_000);

const table = useOwnTable('faults', () => dynamo.endpoint);
const tally = new Tally('faults');
let api: LocalHttpServer;
let users: TestUser[];

beforeAll(async () => {
  api = await startApi();
  users = await Promise.all([signUp('fault'), signUp('fault'), signUp('fault')]);
});

afterAll(async () => {
  tally.report();
  await api?.close();
  await proxy.close();
  await dynamo?.stop();
  closeCognito();
});

async function timed(res: Promise<ApiResponse>): Promise<ApiResponse & { ms: number }> {
  const start = Date.now();
  const out = await res;
  return { ...out, ms: Date.now() - start };
}

function expectUnavailable(res: ApiResponse & { ms: number }, budgetMs: number): void {
  expect({ status: res.status, issues: problemIssues(res) }).toEqual({ status: 503, issues: [] });
  expect(res.body.type).toBe('urn:gallery:problem:unavailable');
  expect(res.headers.get('retry-after')).toBe('1');
  expect(res.ms).toBeLessThan(budgetMs);
}

/** One request per kind of data access: GetItem, Query, one-item write, transaction. */
function probes(user: TestUser, albumId: string, photoId: string): [string, string, unknown?][] {
  return [
    ['GET', '/v1/me'],
    ['GET', `/v1/albums/${albumId}`],
    ['GET', `/v1/albums/${albumId}/photos`],
    ['PATCH', '/v1/me', { bio: `bio of ${user.handle}` }],
    ['POST', '/v1/albums', { title: 'during outage', visibility: 'public' }],
    ['PUT', `/v1/photos/${photoId}/like`],
    ['POST', `/v1/photos/${photoId}/comments`, { body: 'during outage' }],
  ];
}

async function seed(owner: TestUser): Promise<{ albumId: string; photoId: string }> {
  const album = await call(api, 'POST', '/v1/albums', {
    token: owner.token,
    body: { title: 'faults', visibility: 'public' },
  });
  expect(album.status).toBe(201);
  const photo = await call(api, 'POST', `/v1/albums/${album.body.albumId}/photos`, {
    token: owner.token,
    body: { contentType: 'image/png', size: 10 },
  });
  expect(photo.status).toBe(201);
  return { albumId: album.body.albumId, photoId: photo.body.photo.photoId };
}

describe('DynamoDB unreachable', () => {
  it('answers 503 problem+json at once when connections are refused, and recovers', async () => {
    const [owner] = users as [TestUser];
    const { albumId, photoId } = await seed(owner);
    await proxy.close();
    const before = Date.now();
    for (const [method, route, body] of probes(owner, albumId, photoId)) {
      const res = await timed(call(api, method, route, { token: owner.token, body }));
      tally.add('faults injected');
      expectUnavailable(res, ROUTE_TIMEOUT_MS);
    }
    tally.add('refused: ms for all probes', Date.now() - before);
    await proxy.listen(proxy.port);
    for (const [method, route, body] of probes(owner, albumId, photoId)) {
      const res = await call(api, method, route, { token: owner.token, body });
      expect({ route, status: res.status }).toEqual({ route, status: res.status < 300 ? res.status : 200 });
      tally.add('recovered');
    }
  });

  it('answers 503 before the Lambda timeout when DynamoDB accepts but never answers', async () => {
    const [owner] = users as [TestUser];
    proxy.mode = 'blackhole';
    await proxy.close();
    await proxy.listen(proxy.port);
    const res = await timed(call(api, 'GET', '/v1/me', { token: owner.token }));
    tally.add('faults injected');
    tally.add('blackhole: ms to 503', res.ms);
    // Every attempt of the client waits for its request timeout; the answer still beats the Lambda's.
    expect(res.ms).toBeGreaterThanOrEqual(CLIENT_DEFAULTS.requestTimeoutMs);
    // The client's own timeouts answer, not the Lambda's deadline.
    expectUnavailable(res, ROUTE_TIMEOUT_MS - 500);
    proxy.mode = 'forward';
    await proxy.close();
    await proxy.listen(proxy.port);
    expect((await call(api, 'GET', '/v1/me', { token: owner.token })).status).toBe(200);
  }, 30_000);

  it('cuts a burst of transactional writes mid-way and leaves no counter half-applied', async () => {
    const [owner] = users as [TestUser];
    const { albumId, photoId } = await seed(owner);
    const requests: Promise<ApiResponse>[] = [];
    let answered = 0;
    let cut: Promise<void> | undefined;
    const track = (res: Promise<ApiResponse>): Promise<ApiResponse> =>
      res.then((out) => {
        answered += 1;
        // Pull the plug part-way through the burst, while the rest are in flight.
        if (answered === 15) cut = proxy.close();
        return out;
      });
    for (let i = 0; i < 60; i += 1) {
      const user = users[i % users.length] as TestUser;
      const kind = i % 4;
      requests.push(
        track(
          kind === 0
            ? call(api, 'PUT', `/v1/photos/${photoId}/like`, { token: user.token })
            : kind === 1
              ? call(api, 'POST', `/v1/photos/${photoId}/comments`, {
                  token: user.token,
                  body: { body: `c${i}` },
                })
              : kind === 2
                ? call(api, 'POST', `/v1/albums/${albumId}/photos`, {
                    token: owner.token,
                    body: { contentType: 'image/jpeg', size: 100 + i },
                  })
                : call(api, 'POST', '/v1/albums', {
                    token: user.token,
                    body: { title: `a${i}`, visibility: 'private' },
                  }),
        ),
      );
    }
    const settled = await Promise.all(requests);
    await cut;
    tally.add('faults injected');
    const statuses = settled.map((res) => res.status);
    expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
    for (const res of settled.filter((r) => r.status === 503)) expect(problemIssues(res)).toEqual([]);
    tally.add('burst acknowledged', statuses.filter((status) => status < 300).length);
    tally.add('burst 503', statuses.filter((status) => status === 503).length);
    // The cut happened mid-burst: some writes were acknowledged, some refused.
    expect(statuses.some((status) => status < 300)).toBe(true);
    expect(statuses).toContain(503);
    await proxy.listen(proxy.port);
    const { drifts, checked } = counterDrift(await table.allItems());
    tally.add('counters checked', checked);
    expect(drifts).toEqual([]);
  });

  it('answers 503 while the DynamoDB Local process is stopped, and works again once restarted', async () => {
    const [owner] = users as [TestUser];
    const { albumId, photoId } = await seed(owner);
    await dynamo.stop();
    for (const [method, route, body] of probes(owner, albumId, photoId)) {
      const res = await timed(call(api, method, route, { token: owner.token, body }));
      tally.add('faults injected');
      expectUnavailable(res, ROUTE_TIMEOUT_MS);
    }
    // In memory: a restart starts empty. Same port, table and profile re-created.
    dynamo = await startDynamoDbLocal({ port: dynamoPort });
    await table.recreate();
    await registerUser({
      userId: owner.userId,
      email: owner.email,
      handle: owner.handle,
      displayName: owner.profile.displayName,
    });
    expect((await call(api, 'GET', '/v1/me', { token: owner.token })).status).toBe(200);
    const album = await call(api, 'POST', '/v1/albums', {
      token: owner.token,
      body: { title: 'after restart', visibility: 'public' },
    });
    expect(album.status).toBe(201);
    expect(counterDrift(await table.allItems()).drifts).toEqual([]);
  }, 120_000);
});
