// GET /v1/albums/{albumId}/shares over HTTP, against DynamoDB Local.
import { entities } from '@gallery/core/entities/service';
import type { LocalHttpServer } from '@gallery/testing/local-http';
import { call, closeCognito, signUp, startApi, type TestUser } from '../../../tests/support';

let api: LocalHttpServer;
let owner: TestUser;
let other: TestUser;
let albumId: string;
const created: string[] = [];

beforeAll(async () => {
  [api, owner, other] = await Promise.all([startApi(), signUp('shares'), signUp('shares')]);
  const album = await call(api, 'POST', '/v1/albums', {
    token: owner.token,
    body: { title: 'Listed', visibility: 'public' },
  });
  albumId = album.body.albumId;
  for (let i = 0; i < 3; i += 1) {
    const link = await call(api, 'POST', `/v1/albums/${albumId}/shares`, {
      token: owner.token,
      body: { expiresInSeconds: 600 + i },
    });
    created.push(link.body.token);
    // Distinct creation times, so that "newest first" is a strict order.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // An expired link TTL has not removed yet (TTL deletion is lazy).
  const past = new Date(Date.now() - 60_000);
  await entities()
    .shareLinks.create({
      token: 'E'.repeat(43),
      albumId,
      ownerId: owner.userId,
      expiresAt: past.toISOString(),
      ttl: Math.floor(past.getTime() / 1000),
      createdAt: new Date().toISOString(),
    })
    .go();
});

afterAll(async () => {
  await api?.close();
  closeCognito();
});

describe('GET /v1/albums/{albumId}/shares', () => {
  it("lists the owner's live links newest first, page by page, with their URLs", async () => {
    const first = await call(api, 'GET', `/v1/albums/${albumId}/shares?limit=2`, { token: owner.token });
    expect(first.status).toBe(200);
    expect(first.body.cursor).toEqual(expect.any(String));
    const rest = await call(
      api,
      'GET',
      `/v1/albums/${albumId}/shares?limit=2&cursor=${encodeURIComponent(first.body.cursor)}`,
      { token: owner.token },
    );
    const tokens = [...first.body.items, ...rest.body.items].map((l: { token: string }) => l.token);
    expect(tokens).toEqual([...created].reverse());
    expect(first.body.items[0]).toEqual({
      token: created[2],
      albumId,
      url: `${process.env.PUBLIC_BASE_URL}/v1/shared/${created[2]}`,
      expiresAt: expect.any(String),
      createdAt: expect.any(String),
    });
  });

  it("refuses someone else's album (403: it is public), an unknown one (404), a cursor of another list", async () => {
    const theirs = await call(api, 'GET', `/v1/albums/${albumId}/shares`, { token: other.token });
    expect(theirs).toMatchObject({ status: 403, body: { type: 'urn:gallery:problem:forbidden' } });
    expect(JSON.stringify(theirs.body)).not.toContain(created[0]);
    const unknown = await call(api, 'GET', '/v1/albums/01ARZ3NDEKTSV4RRFFQ69G5FAV/shares', {
      token: owner.token,
    });
    expect(unknown.status).toBe(404);
    const page = await call(api, 'GET', `/v1/albums/${albumId}/shares?limit=1`, { token: owner.token });
    const replayed = await call(
      api,
      'GET',
      `/v1/albums/${albumId}/shares?cursor=${encodeURIComponent(page.body.cursor)}`,
      { token: other.token },
    );
    expect([400, 403]).toContain(replayed.status);
  });
});
