// POST /v1/albums/{albumId}/shares over HTTP, against DynamoDB Local.
import type { LocalHttpServer } from '@gallery/testing/local-http';
import { call, closeCognito, signUp, startApi, type TestUser } from '../../../tests/support';

let api: LocalHttpServer;
let owner: TestUser;
let other: TestUser;
let albumId: string;

beforeAll(async () => {
  [api, owner, other] = await Promise.all([startApi(), signUp('share'), signUp('share')]);
  const album = await call(api, 'POST', '/v1/albums', {
    token: owner.token,
    body: { title: 'Shared', visibility: 'private' },
  });
  albumId = album.body.albumId;
});

afterAll(async () => {
  await api?.close();
  closeCognito();
});

describe('POST /v1/albums/{albumId}/shares', () => {
  it('answers a link whose URL starts with the configured public base URL, whatever the request headers say', async () => {
    const res = await call(api, 'POST', `/v1/albums/${albumId}/shares`, {
      token: owner.token,
      body: { expiresInSeconds: 600 },
      headers: { 'x-forwarded-proto': 'gopher', 'x-forwarded-host': 'evil.example', host: 'evil.example' },
    });
    expect(res).toMatchObject({
      status: 201,
      body: { albumId, token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), createdAt: expect.any(String) },
    });
    expect(res.body.url).toBe(`${process.env.PUBLIC_BASE_URL}/v1/shared/${res.body.token}`);
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)).toBe(600_000);
    expect((await fetch(res.body.url)).status).toBe(200);
  });

  it("refuses someone else's private album with 404, and a lifetime out of bounds with 422", async () => {
    const foreign = await call(api, 'POST', `/v1/albums/${albumId}/shares`, {
      token: other.token,
      body: { expiresInSeconds: 600 },
    });
    expect(foreign.status).toBe(404);
    for (const expiresInSeconds of [59, 30 * 24 * 3600 + 1, 1.5]) {
      const res = await call(api, 'POST', `/v1/albums/${albumId}/shares`, {
        token: owner.token,
        body: { expiresInSeconds },
      });
      expect({ expiresInSeconds, status: res.status }).toEqual({ expiresInSeconds, status: 422 });
    }
  });
});
