// The error path of every route over HTTP: each answers problem+json with the documented status,
// and a rejected request changes nothing.
import { randomBytes } from 'node:crypto';
import { getAlbum } from '@gallery/core/access/albums';
import { entities } from '@gallery/core/entities/service';
import type { LocalHttpServer } from '@gallery/testing/local-http';
import {
  call,
  closeCognito,
  signUp,
  startApi,
  unknownUlid,
  type ApiResponse,
  type TestUser,
} from './support';

let api: LocalHttpServer;
let alice: TestUser;
let albumId: string;
let photoId: string;
let commentId: string;

beforeAll(async () => {
  [api, alice] = await Promise.all([startApi(), signUp('errors')]);
  const album = await call(api, 'POST', '/v1/albums', {
    token: alice.token,
    body: { title: 'E', visibility: 'public' },
  });
  albumId = album.body.albumId;
  const photo = await call(api, 'POST', `/v1/albums/${albumId}/photos`, {
    token: alice.token,
    body: { contentType: 'image/jpeg', size: 1234 },
  });
  photoId = photo.body.photo.photoId;
  const comment = await call(api, 'POST', `/v1/photos/${photoId}/comments`, {
    token: alice.token,
    body: { body: 'c' },
  });
  commentId = comment.body.commentId;
});

afterAll(async () => {
  await api?.close();
  closeCognito();
});

function expectProblem(res: ApiResponse, status: number, code?: string): void {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({
    status,
    type: 'application/problem+json',
  });
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  if (code) expect(res.body.type).toBe(`urn:gallery:problem:${code}`);
  // Nothing internal leaks: no stack frames, SDK names or table details.
  expect(res.text).not.toMatch(/\bat .+:\d+:\d+|Exception|dynamodb|TransactionCanceled|gallery-test/i);
}

const fieldPaths = (res: ApiResponse): string[] =>
  (res.body.errors ?? []).map((e: { path: string }) => e.path);

describe('request framing (every body route shares the chain)', () => {
  it('answers 400 for malformed JSON, 415 for a non-JSON body, 413 for a body over 64 KiB', async () => {
    expectProblem(
      await call(api, 'POST', '/v1/albums', { token: alice.token, body: '{"title":' }),
      400,
      'malformed_json',
    );
    expectProblem(
      await call(api, 'POST', '/v1/albums', {
        token: alice.token,
        body: 'title=x',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
    );
    const huge = { title: 'x', visibility: 'public', description: 'x'.repeat(70 * 1024) };
    expectProblem(
      await call(api, 'POST', '/v1/albums', { token: alice.token, body: huge }),
      413,
      'payload_too_large',
    );
  });

  it('answers 404 (API Gateway style) for a route that does not exist', async () => {
    const res = await call(api, 'GET', '/v1/nothing-here', { token: alice.token });
    expect(res).toMatchObject({ status: 404, body: { message: 'Not Found' } });
  });
});

describe('users', () => {
  it('GET /v1/users/{handle}: 404 unknown or malformed', async () => {
    expectProblem(await call(api, 'GET', '/v1/users/nobody_by_this_name', { token: alice.token }), 404);
    expectProblem(await call(api, 'GET', '/v1/users/a!', { token: alice.token }), 404, 'not_found');
  });

  it('GET /v1/users/{handle}/albums: 404 unknown, 422 bad limit or not a cursor, 400 forged cursor', async () => {
    expectProblem(
      await call(api, 'GET', '/v1/users/nobody_by_this_name/albums', { token: alice.token }),
      404,
    );
    expectProblem(
      await call(api, 'GET', `/v1/users/${alice.handle}/albums?limit=0`, { token: alice.token }),
      422,
    );
    expectProblem(
      await call(api, 'GET', `/v1/users/${alice.handle}/albums?cursor=abc.def`, { token: alice.token }),
      422,
      'validation',
    );
    expectProblem(
      await call(api, 'GET', `/v1/users/${alice.handle}/albums?cursor=abc.${'A'.repeat(43)}`, {
        token: alice.token,
      }),
      400,
      'invalid_cursor',
    );
  });
});

describe('activity', () => {
  it('GET /v1/me/activity: 422 bad limit or cursor shape, 400 forged cursor or one of another list', async () => {
    expectProblem(await call(api, 'GET', '/v1/me/activity?limit=0', { token: alice.token }), 422);
    expectProblem(
      await call(api, 'GET', '/v1/me/activity?cursor=abc.def', { token: alice.token }),
      422,
      'validation',
    );
    expectProblem(
      await call(api, 'GET', `/v1/me/activity?cursor=abc.${'A'.repeat(43)}`, { token: alice.token }),
      400,
      'invalid_cursor',
    );
    const albums = await call(api, 'GET', '/v1/albums?limit=1', { token: alice.token });
    await call(api, 'POST', '/v1/albums', {
      token: alice.token,
      body: { title: 'second', visibility: 'public' },
    });
    const page = await call(api, 'GET', '/v1/albums?limit=1', { token: alice.token });
    const foreign = page.body.cursor ?? albums.body.cursor;
    expect(foreign).toEqual(expect.any(String));
    expectProblem(
      await call(api, 'GET', `/v1/me/activity?cursor=${encodeURIComponent(foreign)}`, { token: alice.token }),
      400,
      'invalid_cursor',
    );
  });
});

describe('albums', () => {
  it('POST /v1/albums: 422 with every invalid field listed, unknown fields refused', async () => {
    const res = await call(api, 'POST', '/v1/albums', {
      token: alice.token,
      body: { title: '', visibility: 'friends', owner: 'someone-else' },
    });
    expectProblem(res, 422, 'validation');
    expect(fieldPaths(res)).toEqual(expect.arrayContaining(['body.title', 'body.visibility']));
    expectProblem(await call(api, 'POST', '/v1/albums', { token: alice.token }), 422);
  });

  it('POST /v1/albums: 404 for a signed-in user without a profile', async () => {
    const other = await signUp('noprofile');
    // Same token, but the profile is gone (e.g. sign-up never confirmed here).
    await entities().users.delete({ userId: other.userId }).go();
    expectProblem(
      await call(api, 'POST', '/v1/albums', {
        token: other.token,
        body: { title: 'x', visibility: 'public' },
      }),
      404,
    );
  });

  it('GET /v1/albums: 422 for limit out of range, 400 for a cursor of another list', async () => {
    expectProblem(await call(api, 'GET', '/v1/albums?limit=101', { token: alice.token }), 422);
    expectProblem(await call(api, 'GET', '/v1/albums?limit=abc', { token: alice.token }), 422);
    await call(api, 'POST', `/v1/photos/${photoId}/comments`, {
      token: alice.token,
      body: { body: 'second' },
    });
    const withCursor = await call(api, 'GET', `/v1/photos/${photoId}/comments?limit=1`, {
      token: alice.token,
    });
    expect(withCursor.body.cursor).toEqual(expect.any(String));
    const foreign = encodeURIComponent(withCursor.body.cursor);
    expectProblem(
      await call(api, 'GET', `/v1/albums?cursor=${foreign}`, { token: alice.token }),
      400,
      'invalid_cursor',
    );
  });

  it('GET /v1/albums/{albumId}: 404 for a malformed id as for an unknown one', async () => {
    for (const id of ['not-a-ulid', '01ARZ3NDEKTSV4RRFFQ69G5FA%00', '%ED%A0%80']) {
      expectProblem(await call(api, 'GET', `/v1/albums/${id}`, { token: alice.token }), 404, 'not_found');
    }
    expectProblem(await call(api, 'GET', `/v1/albums/${unknownUlid()}`, { token: alice.token }), 404);
  });

  it('PATCH /v1/albums/{albumId}: 409 stale version, 422 nothing to change or a foreign cover, 404 unknown', async () => {
    const before = await getAlbum(albumId);
    expectProblem(
      await call(api, 'PATCH', `/v1/albums/${albumId}`, {
        token: alice.token,
        body: { version: before.version + 5, title: 'x' },
      }),
      409,
      'conflict',
    );
    expectProblem(
      await call(api, 'PATCH', `/v1/albums/${albumId}`, { token: alice.token, body: { version: 1 } }),
      422,
    );
    const cover = await call(api, 'PATCH', `/v1/albums/${albumId}`, {
      token: alice.token,
      body: { version: before.version, coverPhotoId: unknownUlid() },
    });
    expectProblem(cover, 422);
    expect(fieldPaths(cover)).toEqual(['body.coverPhotoId']);
    expectProblem(
      await call(api, 'PATCH', `/v1/albums/${unknownUlid()}`, {
        token: alice.token,
        body: { version: 1, title: 'x' },
      }),
      404,
    );
    expect(await getAlbum(albumId)).toEqual(before);
  });

  it('DELETE /v1/albums/{albumId}: 409 while it has photos, 404 unknown', async () => {
    expectProblem(await call(api, 'DELETE', `/v1/albums/${albumId}`, { token: alice.token }), 409);
    expectProblem(await call(api, 'DELETE', `/v1/albums/${unknownUlid()}`, { token: alice.token }), 404);
    expect((await getAlbum(albumId)).photoCount).toBe(1);
  });
});

describe('photos', () => {
  it('POST /v1/albums/{albumId}/photos: 422 for a non-image or an oversize declaration, before any write', async () => {
    const before = await getAlbum(albumId);
    const pdf = await call(api, 'POST', `/v1/albums/${albumId}/photos`, {
      token: alice.token,
      body: { contentType: 'application/pdf', size: 100 },
    });
    expectProblem(pdf, 422);
    expect(fieldPaths(pdf)).toEqual(['body.contentType']);
    const big = await call(api, 'POST', `/v1/albums/${albumId}/photos`, {
      token: alice.token,
      body: { contentType: 'image/png', size: 25 * 1024 * 1024 + 1 },
    });
    expectProblem(big, 422);
    expect(fieldPaths(big)).toEqual(['body.size']);
    expectProblem(
      await call(api, 'POST', `/v1/albums/${albumId}/photos`, {
        token: alice.token,
        body: { contentType: 'image/png', size: 0 },
      }),
      422,
    );
    expectProblem(
      await call(api, 'POST', `/v1/albums/${unknownUlid()}/photos`, {
        token: alice.token,
        body: { contentType: 'image/png', size: 10 },
      }),
      404,
    );
    expect(await getAlbum(albumId)).toEqual(before);
  });

  it('GET /v1/albums/{albumId}/photos: 404 unknown album, 400 tampered cursor', async () => {
    expectProblem(await call(api, 'GET', `/v1/albums/${unknownUlid()}/photos`, { token: alice.token }), 404);
    const tampered = `${Buffer.from('{"l":"listAlbumPhotos:x","k":{"pk":"x"}}').toString('base64url')}.${'A'.repeat(43)}`;
    expectProblem(
      await call(api, 'GET', `/v1/albums/${albumId}/photos?cursor=${tampered}`, { token: alice.token }),
      400,
    );
  });

  it('GET /v1/photos/{photoId}: 404 unknown or malformed', async () => {
    expectProblem(await call(api, 'GET', `/v1/photos/${unknownUlid()}`, { token: alice.token }), 404);
    expectProblem(await call(api, 'GET', '/v1/photos/123', { token: alice.token }), 404);
  });

  it('PATCH /v1/photos/{photoId}: 409 stale version, 422 caption too long or missing version, 404 unknown', async () => {
    expectProblem(
      await call(api, 'PATCH', `/v1/photos/${photoId}`, {
        token: alice.token,
        body: { version: 99, caption: 'x' },
      }),
      409,
    );
    expectProblem(
      await call(api, 'PATCH', `/v1/photos/${photoId}`, {
        token: alice.token,
        body: { version: 1, caption: 'x'.repeat(2001) },
      }),
      422,
    );
    expectProblem(
      await call(api, 'PATCH', `/v1/photos/${photoId}`, { token: alice.token, body: { caption: 'x' } }),
      422,
    );
    expectProblem(
      await call(api, 'PATCH', `/v1/photos/${unknownUlid()}`, {
        token: alice.token,
        body: { version: 1, caption: 'x' },
      }),
      404,
    );
  });

  it('DELETE /v1/photos/{photoId}: 404 unknown', async () => {
    expectProblem(await call(api, 'DELETE', `/v1/photos/${unknownUlid()}`, { token: alice.token }), 404);
  });
});

describe('likes and comments', () => {
  it('PUT and DELETE /v1/photos/{photoId}/like: 404 unknown photo or malformed id', async () => {
    expectProblem(await call(api, 'PUT', `/v1/photos/${unknownUlid()}/like`, { token: alice.token }), 404);
    expectProblem(await call(api, 'DELETE', `/v1/photos/${unknownUlid()}/like`, { token: alice.token }), 404);
    expectProblem(await call(api, 'PUT', '/v1/photos/x/like', { token: alice.token }), 404);
  });

  it('GET /v1/photos/{photoId}/comments: 404 unknown photo, 422 bad limit', async () => {
    expectProblem(
      await call(api, 'GET', `/v1/photos/${unknownUlid()}/comments`, { token: alice.token }),
      404,
    );
    expectProblem(
      await call(api, 'GET', `/v1/photos/${photoId}/comments?limit=1000`, { token: alice.token }),
      422,
    );
  });

  it('POST /v1/photos/{photoId}/comments: 422 empty or oversize, 404 unknown photo', async () => {
    const empty = await call(api, 'POST', `/v1/photos/${photoId}/comments`, {
      token: alice.token,
      body: { body: '   ' },
    });
    expectProblem(empty, 422);
    expect(fieldPaths(empty)).toEqual(['body.body']);
    expectProblem(
      await call(api, 'POST', `/v1/photos/${photoId}/comments`, {
        token: alice.token,
        body: { body: 'x'.repeat(2001) },
      }),
      422,
    );
    expectProblem(
      await call(api, 'POST', `/v1/photos/${unknownUlid()}/comments`, {
        token: alice.token,
        body: { body: 'hi' },
      }),
      404,
    );
  });

  it('DELETE /v1/photos/{photoId}/comments/{commentId}: 404 unknown comment or malformed id', async () => {
    expectProblem(
      await call(api, 'DELETE', `/v1/photos/${photoId}/comments/${unknownUlid()}`, { token: alice.token }),
      404,
    );
    expectProblem(
      await call(api, 'DELETE', `/v1/photos/${photoId}/comments/nope`, { token: alice.token }),
      404,
    );
    expect(commentId).toEqual(expect.any(String));
  });
});

describe('shares', () => {
  it('POST /v1/albums/{albumId}/shares: 422 for a lifetime out of range, 404 unknown album', async () => {
    const res = await call(api, 'POST', `/v1/albums/${albumId}/shares`, {
      token: alice.token,
      body: { expiresInSeconds: 5 },
    });
    expectProblem(res, 422);
    expect(fieldPaths(res)).toEqual(['body.expiresInSeconds']);
    expectProblem(
      await call(api, 'POST', `/v1/albums/${unknownUlid()}/shares`, {
        token: alice.token,
        body: { expiresInSeconds: 60 },
      }),
      404,
    );
  });

  it('GET /v1/shared/{token}: 404 unknown, malformed or expired (before TTL removes it)', async () => {
    expectProblem(await call(api, 'GET', `/v1/shared/${randomBytes(32).toString('base64url')}`), 404);
    expectProblem(await call(api, 'GET', '/v1/shared/short'), 404);
    // An expired link that TTL has not deleted yet (TTL deletion is lazy).
    const token = randomBytes(32).toString('base64url');
    const past = new Date(Date.now() - 60_000);
    await entities()
      .shareLinks.create({
        token,
        albumId,
        ownerId: alice.userId,
        expiresAt: past.toISOString(),
        ttl: Math.floor(past.getTime() / 1000),
      })
      .go();
    expectProblem(await call(api, 'GET', `/v1/shared/${token}`), 404);
  });
});

describe('text DynamoDB may refuse (NUL, unpaired surrogates): a 422 at validation, nothing written', () => {
  // JSON escapes, sent as they are: JSON.stringify would not produce a lone surrogate escape.
  const BAD = ['\\u0000', 'a\\ud800', '\\udc00z'];

  it.each(BAD)('refuses %s in every text field of a body', async (bad) => {
    const before = await getAlbum(albumId);
    const requests: [string, string, string][] = [
      ['POST', '/v1/albums', `{"title":"${bad}","visibility":"public"}`],
      ['PATCH', `/v1/albums/${albumId}`, `{"version":${before.version},"description":"${bad}"}`],
      ['PATCH', `/v1/photos/${photoId}`, `{"version":1,"caption":"${bad}"}`],
      ['POST', `/v1/photos/${photoId}/comments`, `{"body":"${bad}"}`],
      ['PATCH', '/v1/me', `{"bio":"${bad}"}`],
    ];
    for (const [method, path, body] of requests) {
      const res = await call(api, method, path, { token: alice.token, body });
      expectProblem(res, 422, 'validation');
      expect(res.body.errors[0].message).toMatch(/NUL|unpaired surrogates/);
    }
    expect(await getAlbum(albumId)).toEqual(before);
  });

  it('refuses them in a query (cursor) with a 422, and in a path as a 404', async () => {
    expectProblem(await call(api, 'GET', '/v1/albums?cursor=a%00b', { token: alice.token }), 422);
    expectProblem(await call(api, 'GET', '/v1/users/ab%00c', { token: alice.token }), 404);
  });
});
