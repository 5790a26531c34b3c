// DELETE /v1/albums/{albumId}/shares/{token} over HTTP, against DynamoDB Local.
import { randomBytes } from 'node:crypto';
import type { LocalHttpServer } from '@gallery/testing/local-http';
import { call, closeCognito, signUp, startApi, type TestUser } from '../../../tests/support';

let api: LocalHttpServer;
let owner: TestUser;
let other: TestUser;
let albumId: string;

beforeAll(async () => {
  [api, owner, other] = await Promise.all([startApi(), signUp('revoke'), signUp('revoke')]);
  const album = await call(api, 'POST', '/v1/albums', {
    token: owner.token,
    body: { title: 'Revoked', visibility: 'public' },
  });
  albumId = album.body.albumId;
});

afterAll(async () => {
  await api?.close();
  closeCognito();
});

async function share(): Promise<{ token: string; url: string }> {
  const res = await call(api, 'POST', `/v1/albums/${albumId}/shares`, {
    token: owner.token,
    body: { expiresInSeconds: 600 },
  });
  return res.body;
}

describe('DELETE /v1/albums/{albumId}/shares/{token}', () => {
  it('revokes a link: the very next request for it is a 404, and it leaves the list', async () => {
    const link = await share();
    expect((await fetch(link.url)).status).toBe(200);
    const revoked = await call(api, 'DELETE', `/v1/albums/${albumId}/shares/${link.token}`, {
      token: owner.token,
    });
    expect(revoked.status).toBe(204);
    expect((await fetch(link.url)).status).toBe(404);
    const list = await call(api, 'GET', `/v1/albums/${albumId}/shares`, { token: owner.token });
    expect(list.body.items.map((l: { token: string }) => l.token)).not.toContain(link.token);
    const again = await call(api, 'DELETE', `/v1/albums/${albumId}/shares/${link.token}`, {
      token: owner.token,
    });
    expect(again.status).toBe(404);
  });

  it("answers 404 for someone else's link, one named under another album, an unknown or a malformed token", async () => {
    const link = await share();
    const otherAlbum = await call(api, 'POST', '/v1/albums', {
      token: owner.token,
      body: { title: 'Other', visibility: 'public' },
    });
    for (const [who, path] of [
      [other, `/v1/albums/${albumId}/shares/${link.token}`],
      [owner, `/v1/albums/${otherAlbum.body.albumId}/shares/${link.token}`],
      [owner, `/v1/albums/${albumId}/shares/${randomBytes(32).toString('base64url')}`],
      [owner, `/v1/albums/${albumId}/shares/short`],
    ] as const) {
      const res = await call(api, 'DELETE', path, { token: who.token });
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({
        path,
        status: 404,
        type: 'application/problem+json',
      });
    }
    expect((await fetch(link.url)).status).toBe(200);
  });
});
