// Hostile users, concurrent load and logs, over real HTTP against an isolated table: forged ids,
// cursors, share tokens and upload fields never reach another user's data; a burst of likes,
// comments, uploads and deletes from many users ends with every acknowledged write present and no
// counter drift; every log line is JSON with a request id and carries no token or email address.
import { MAX_PHOTO_BYTES, markPhotoReady } from '@gallery/core/access/photos';
import type { LocalHttpServer } from '@gallery/testing/local-http';
import { captureStdout, loadObserved } from '@gallery/lambda/testing/capture';
import {
  call,
  closeCognito,
  signUp,
  startApi,
  unknownUlid,
  type ApiResponse,
  type TestUser,
} from '../support';
import { counterDrift, problemIssues, Tally, useOwnTable } from './support';

const table = useOwnTable('hostile', undefined, { streams: true });
const tally = new Tally('hostile');
let api: LocalHttpServer;
let alice: TestUser;
let bob: TestUser;
const target = { albumId: '', photoId: '', commentId: '', publicAlbumId: '', publicPhotoId: '' };

beforeAll(async () => {
  [api, alice, bob] = await Promise.all([startApi(), signUp('alice'), signUp('bob')]);
  const make = async (visibility: string) => {
    const album = await call(api, 'POST', '/v1/albums', {
      token: alice.token,
      body: { title: `alice ${visibility}`, visibility },
    });
    const photo = await call(api, 'POST', `/v1/albums/${album.body.albumId}/photos`, {
      token: alice.token,
      body: { contentType: 'image/png', size: 10 },
    });
    return { albumId: album.body.albumId as string, photoId: photo.body.photo.photoId as string };
  };
  const priv = await make('private');
  const pub = await make('public');
  const comment = await call(api, 'POST', `/v1/photos/${priv.photoId}/comments`, {
    token: alice.token,
    body: { body: 'private words' },
  });
  // Others see (and may like) only ready photos: as if the thumbnail function had run.
  await markPhotoReady({
    photoId: pub.photoId,
    albumId: pub.albumId,
    width: 4,
    height: 4,
    renditions: [
      {
        name: 'thumb',
        key: `thumbnails/${alice.userId}/${pub.photoId}/thumb.webp`,
        width: 4,
        height: 4,
        contentType: 'image/webp',
        bytes: 44,
      },
    ],
  });
  Object.assign(target, {
    ...priv,
    commentId: comment.body.commentId,
    publicAlbumId: pub.albumId,
    publicPhotoId: pub.photoId,
  });
});

afterAll(async () => {
  tally.report();
  await api?.close();
  closeCognito();
});

/** Alice's items as stored, minus bob's own: what no forged request of bob's may change. */
async function aliceState(): Promise<string> {
  const items = await table.allItems();
  const mine = items.filter((item) => JSON.stringify(item).includes(alice.userId));
  return JSON.stringify(
    mine.sort((a, b) => String(a.pk + '' + a.sk).localeCompare(String(b.pk + '' + b.sk))),
  );
}

describe('a hostile user', () => {
  it("can never read, change or delete another user's private data, whatever they forge", async () => {
    // Alice's own comment is counted from the stream: let it be, so only bob's attempts could move anything.
    await table.streamsSettled();
    const before = await aliceState();
    const { albumId, photoId, commentId } = target;
    // A valid cursor of bob's own list, and one of a public list of alice's.
    for (let i = 0; i < 3; i += 1) {
      await call(api, 'POST', '/v1/albums', {
        token: bob.token,
        body: { title: `b${i}`, visibility: 'public' },
      });
    }
    const bobPage = await call(api, 'GET', '/v1/albums?limit=1', { token: bob.token });
    const bobCursor = encodeURIComponent(bobPage.body.cursor as string);
    expect(bobPage.body.cursor).toEqual(expect.any(String));
    const attempts: [string, string, unknown?, number[]?][] = [
      ['GET', `/v1/albums/${albumId}`],
      ['PATCH', `/v1/albums/${albumId}`, { version: 1, title: 'pwned' }],
      ['PATCH', `/v1/albums/${albumId}`, { version: 1, visibility: 'public' }],
      ['DELETE', `/v1/albums/${albumId}`],
      ['GET', `/v1/albums/${albumId}/photos`],
      ['GET', `/v1/albums/${albumId}/photos?cursor=${bobCursor}`, undefined, [400, 404]],
      ['GET', `/v1/users/${alice.handle}/albums?cursor=${bobCursor}`, undefined, [400]],
      ['GET', `/v1/photos/${photoId}/comments?cursor=${bobCursor}`, undefined, [400, 404]],
      ['POST', `/v1/albums/${albumId}/photos`, { contentType: 'image/png', size: 10 }],
      ['POST', `/v1/albums/${albumId}/shares`, { expiresInSeconds: 600 }],
      ['GET', `/v1/photos/${photoId}`],
      ['PATCH', `/v1/photos/${photoId}`, { version: 1, caption: 'pwned' }],
      ['DELETE', `/v1/photos/${photoId}`],
      ['PUT', `/v1/photos/${photoId}/like`],
      ['DELETE', `/v1/photos/${photoId}/like`],
      ['GET', `/v1/photos/${photoId}/comments`],
      ['POST', `/v1/photos/${photoId}/comments`, { body: 'hi' }],
      ['DELETE', `/v1/photos/${photoId}/comments/${commentId}`],
      // Alice's comment through a photo of bob's choosing, and alice's photo through another album.
      ['DELETE', `/v1/photos/${target.publicPhotoId}/comments/${commentId}`, undefined, [403, 404]],
      ['DELETE', `/v1/photos/${unknownUlid()}/comments/${commentId}`],
      // Public album of alice: readable, but not bob's to change.
      ['PATCH', `/v1/albums/${target.publicAlbumId}`, { version: 1, title: 'pwned' }, [403]],
      ['DELETE', `/v1/photos/${target.publicPhotoId}`, undefined, [403]],
      ['POST', `/v1/albums/${target.publicAlbumId}/photos`, { contentType: 'image/png', size: 10 }, [403]],
      ['POST', `/v1/albums/${target.publicAlbumId}/shares`, { expiresInSeconds: 600 }, [403]],
      // Profile fields of another user: no route takes a user id, and /v1/me ignores forged ones.
      ['PATCH', '/v1/me', { userId: alice.userId, bio: 'pwned' }, [422]],
      ['PATCH', '/v1/me', { handle: alice.handle }, [422]],
      // Forged and expired-looking share tokens.
      ['GET', `/v1/shared/${'A'.repeat(43)}`, undefined, [404, 422]],
      ['GET', `/v1/shared/${albumId}`, undefined, [404, 422]],
    ];
    for (const [method, route, body, allowed = [404]] of attempts) {
      const res = await call(api, method, route, { token: bob.token, body });
      tally.add('forged-access attempts');
      expect({ method, route, status: res.status }).toEqual({
        method,
        route,
        status: allowed.includes(res.status) ? res.status : allowed[0],
      });
      expect(problemIssues(res)).toEqual([]);
      for (const secret of [albumId, photoId, commentId, 'private words', alice.email]) {
        if (!route.includes(secret)) expect(res.text).not.toContain(secret);
      }
    }
    await table.streamsSettled();
    expect(await aliceState()).toBe(before);
  });

  it('cannot upload outside its own uploads/ key, or beyond the declared size and type', async () => {
    const own = await call(api, 'POST', '/v1/albums', {
      token: bob.token,
      body: { title: 'b', visibility: 'private' },
    });
    const forged = [
      { contentType: 'image/png', size: 10, key: `uploads/${alice.userId}/${unknownUlid()}` },
      { contentType: 'image/png', size: 10, objectKey: `uploads/${alice.userId}/x` },
      { contentType: 'image/png', size: 10, ownerId: alice.userId },
      { contentType: 'image/png', size: MAX_PHOTO_BYTES + 1 },
      { contentType: 'text/html', size: 10 },
      { contentType: 'image/svg+xml', size: 10 },
      { contentType: 'image/png', size: -1 },
      { contentType: 'image/png', size: 1.5 },
    ];
    for (const body of forged) {
      const res = await call(api, 'POST', `/v1/albums/${own.body.albumId}/photos`, {
        token: bob.token,
        body,
      });
      tally.add('forged-access attempts');
      expect({ body, status: res.status }).toEqual({ body, status: 422 });
    }
    const ok = await call(api, 'POST', `/v1/albums/${own.body.albumId}/photos`, {
      token: bob.token,
      body: { contentType: 'image/webp', size: 1234 },
    });
    expect(ok.status).toBe(201);
    const url = new URL(ok.body.upload.url);
    // The key is the server's choice, under the caller's own prefix; type and size are signed.
    expect(decodeURIComponent(url.pathname)).toMatch(
      new RegExp(`/uploads/${bob.userId}/${ok.body.photo.photoId}$`),
    );
    const signed = (url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
    expect(signed).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(ok.body.upload.headers).toMatchObject({ 'content-type': 'image/webp', 'content-length': '1234' });
  });
});

describe('load: many users at once', () => {
  it('keeps every acknowledged write, with no counter drift and no 5xx', async () => {
    const crowd = [alice, bob, ...(await Promise.all(Array.from({ length: 6 }, () => signUp('crowd'))))];
    const photoId = target.publicPhotoId;
    const ops: Promise<{ kind: string; res: ApiResponse; user: TestUser }>[] = [];
    const op = (kind: string, user: TestUser, res: Promise<ApiResponse>) =>
      ops.push(res.then((r) => ({ kind, res: r, user })));
    for (const user of crowd) {
      for (let i = 0; i < 3; i += 1) {
        op('like', user, call(api, 'PUT', `/v1/photos/${photoId}/like`, { token: user.token }));
        op(
          'comment',
          user,
          call(api, 'POST', `/v1/photos/${photoId}/comments`, {
            token: user.token,
            body: { body: `${user.handle} ${i}` },
          }),
        );
      }
      op('unlike', user, call(api, 'DELETE', `/v1/photos/${target.photoId}/like`, { token: user.token }));
      op(
        'upload',
        alice,
        call(api, 'POST', `/v1/albums/${target.publicAlbumId}/photos`, {
          token: alice.token,
          body: { contentType: 'image/jpeg', size: 99 },
        }),
      );
    }
    const results = await Promise.all(ops);
    // Deletes, at once, of half the acknowledged comments and uploads.
    const comments = results.filter((r) => r.kind === 'comment' && r.res.status === 201);
    const uploads = results.filter((r) => r.kind === 'upload' && r.res.status === 201);
    const deleted = await Promise.all([
      ...comments
        .filter((_, i) => i % 2 === 0)
        .map((r) =>
          call(api, 'DELETE', `/v1/photos/${photoId}/comments/${r.res.body.commentId}`, {
            token: r.user.token,
          }),
        ),
      ...uploads
        .filter((_, i) => i % 2 === 0)
        .map((r) => call(api, 'DELETE', `/v1/photos/${r.res.body.photo.photoId}`, { token: alice.token })),
    ]);
    const statuses = [...results.map((r) => r.res.status), ...deleted.map((r) => r.status)];
    tally.add('load requests', statuses.length);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(deleted.every((r) => r.status === 204)).toBe(true);

    // Likes and comments are counted from the stream: wait for it to apply the burst.
    await table.streamsSettled();
    const items = await table.allItems();
    // Comment and photo items only: a deleted photo's purge-queue entry also names its photoId.
    const stored = new Set(
      items.flatMap((item) =>
        item.__edb_e__ === 'comment'
          ? [String(item.commentId)]
          : item.__edb_e__ === 'photo'
            ? [String(item.photoId)]
            : [],
      ),
    );
    const keptComments = comments.filter((_, i) => i % 2 === 1).map((r) => String(r.res.body.commentId));
    const keptUploads = uploads.filter((_, i) => i % 2 === 1).map((r) => String(r.res.body.photo.photoId));
    const missing = [...keptComments, ...keptUploads].filter((id) => !stored.has(id));
    const gone = [
      ...comments.filter((_, i) => i % 2 === 0).map((r) => String(r.res.body.commentId)),
      ...uploads.filter((_, i) => i % 2 === 0).map((r) => String(r.res.body.photo.photoId)),
    ].filter((id) => stored.has(id));
    tally.add('writes acknowledged', comments.length + uploads.length);
    tally.add('acknowledged writes found', keptComments.length + keptUploads.length - missing.length);
    tally.add('acknowledged deletes gone', deleted.length - gone.length);
    expect(gone).toEqual([]);
    expect(missing).toEqual([]);
    const photo = items.find((item) => item.__edb_e__ === 'photo' && item.photoId === photoId);
    expect(photo?.likeCount).toBe(crowd.length);
    const { drifts, checked } = counterDrift(items, { streamCounters: true });
    tally.add('counters checked', checked);
    expect(drifts).toEqual([]);
  });
});

describe('logs', () => {
  it('are JSON lines with the Lambda context and correlation id, and carry no token, password or email address', async () => {
    // Test runs log nothing (jest.config.ts): these requests go to a copy of the api loaded as Lambda
    // runs it, at DEBUG, with metrics on.
    const output = captureStdout();
    try {
      await loadObserved(async () => {
        const logged = await startApi();
        try {
          await call(logged, 'GET', '/v1/me', { token: alice.token });
          await call(logged, 'PATCH', '/v1/me', {
            token: alice.token,
            body: { bio: alice.email, password: 'Correct-Horse-42' },
          });
          await call(logged, 'GET', `/v1/albums/${target.albumId}`, { token: `${alice.token}x` });
          await call(logged, 'POST', '/v1/albums', { token: alice.token, body: '{"title":' });
          await call(logged, 'GET', `/v1/albums?cursor=${encodeURIComponent(alice.token)}`, {
            token: alice.token,
          });
        } finally {
          await logged.close();
        }
      });
    } finally {
      output.restore();
    }
    // Every captured line, JSON or not: a plain-text leak (a library's console output) counts too.
    const lines = output.lines();
    expect(output.logs().length).toBeGreaterThanOrEqual(5);
    expect(output.emf().length).toBeGreaterThanOrEqual(5);
    tally.add('log and metric lines checked', lines.length);
    for (const entry of output.logs()) {
      expect(entry).toMatchObject({
        function_request_id: expect.any(String),
        correlation_id: expect.any(String),
        service: expect.any(String),
      });
    }
    for (const line of lines) {
      expect(line).not.toContain(alice.token.split('.')[2] as string);
      expect(line).not.toContain(alice.email);
      expect(line).not.toContain('Correct-Horse-42');
      expect(line).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
    }
  });
});
