// The authorisation matrix: every route × {owner, another signed-in user, no token, bad token},
// against a private and a public target where visibility matters. Each cell checks the documented
// status, and that no response to anyone but the owner carries the owner's private data.
import { createAlbum, getAlbum } from '@gallery/core/access/albums';
import { addComment } from '@gallery/core/access/comments';
import { addPhoto, getPhoto, markPhotoReady, type Photo } from '@gallery/core/access/photos';
import { createShareLink } from '@gallery/core/access/shares';
import type { LocalHttpServer } from '@gallery/testing/local-http';
import { badToken, call, closeCognito, signUp, startApi, type TestUser } from './support';

type Caller = 'owner' | 'other' | 'none' | 'bad';
type Target = 'private' | 'public';

interface Fixture {
  albumId: string;
  photoId: string;
  commentId: string;
}

interface Cell {
  method: string;
  /** Route template, for the test name. */
  route: string;
  target?: Target;
  /** Path and body for one request; may create fresh resources (for destructive cells). */
  request: (target: Fixture, caller: Caller) => Promise<{ path: string; body?: unknown }>;
  expected: Record<Caller, number>;
}

let api: LocalHttpServer;
let owner: TestUser;
let other: TestUser;
const fixtures = {} as Record<Target, Fixture>;
/** Owner data that only the owner may ever see. */
let secrets: string[];

/** A photo of the owner's, ready with one thumbnail (what other users may see of it). */
async function readyPhoto(albumId: string): Promise<Photo> {
  const photo = await addPhoto({ albumId, ownerId: owner.userId, contentType: 'image/png', size: 10 });
  await markPhotoReady({
    photoId: photo.photoId,
    albumId: photo.albumId,
    width: 4,
    height: 4,
    renditions: [
      {
        name: 'thumb',
        key: `thumbnails/${owner.userId}/${photo.photoId}/thumb.webp`,
        width: 4,
        height: 4,
        contentType: 'image/webp',
        bytes: 44,
      },
    ],
  });
  return photo;
}

async function fixture(visibility: Target): Promise<Fixture> {
  const album = await createAlbum({
    ownerId: owner.userId,
    title: `${visibility} album of owner`,
    visibility,
  });
  const photo = await readyPhoto(album.albumId);
  const comment = await addComment({
    photoId: photo.photoId,
    authorId: owner.userId,
    photoOwnerId: owner.userId,
    body: `${visibility} comment`,
  });
  return { albumId: album.albumId, photoId: photo.photoId, commentId: comment.commentId };
}

/** A fresh ready photo in the target's album, for cells that delete things. */
async function freshPhoto(target: Fixture): Promise<Photo> {
  return readyPhoto(target.albumId);
}

beforeAll(async () => {
  [owner, other] = await Promise.all([signUp('owner'), signUp('other')]);
  fixtures.private = await fixture('private');
  fixtures.public = await fixture('public');
  secrets = [
    fixtures.private.albumId,
    fixtures.private.photoId,
    fixtures.private.commentId,
    'private album of owner',
    owner.email,
  ];
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
  closeCognito();
});

function tokenOf(caller: Caller): string | undefined {
  if (caller === 'owner') return owner.token;
  if (caller === 'other') return other.token;
  if (caller === 'bad') return badToken(owner);
  return undefined;
}

const OK = (status: number, otherStatus = status): Record<Caller, number> => ({
  owner: status,
  other: otherStatus,
  none: 401,
  bad: 401,
});
/** Owner-only writes: another user gets 404 for a private target, 403 for a public one. */
const ownerOnly = (status: number, target: Target) => OK(status, target === 'private' ? 404 : 403);
/** Reads and interactions: another user gets 404 for a private target, the same as the owner for a public one. */
const readable = (status: number, target: Target) => OK(status, target === 'private' ? 404 : status);
const PUBLIC_ROUTE = (status: number): Record<Caller, number> => ({
  owner: status,
  other: status,
  none: status,
  bad: status,
});

const perTarget = (make: (target: Target) => Cell): Cell[] => [make('private'), make('public')];

const cells: Cell[] = [
  {
    method: 'GET',
    route: '/v1/health',
    request: async () => ({ path: '/v1/health' }),
    expected: PUBLIC_ROUTE(200),
  },
  {
    method: 'GET',
    route: '/v1/openapi.json',
    request: async () => ({ path: '/v1/openapi.json' }),
    expected: PUBLIC_ROUTE(200),
  },
  { method: 'GET', route: '/v1/me', request: async () => ({ path: '/v1/me' }), expected: OK(200) },
  {
    method: 'GET',
    route: '/v1/me/activity',
    request: async () => ({ path: '/v1/me/activity' }),
    expected: OK(200),
  },
  {
    method: 'PATCH',
    route: '/v1/me',
    request: async () => ({ path: '/v1/me', body: { bio: 'changed by matrix' } }),
    expected: OK(200),
  },
  {
    method: 'GET',
    route: '/v1/users/{handle}',
    request: async () => ({ path: `/v1/users/${owner.handle}` }),
    expected: OK(200),
  },
  {
    method: 'GET',
    route: '/v1/users/{handle}/albums',
    request: async () => ({ path: `/v1/users/${owner.handle}/albums` }),
    expected: OK(200),
  },
  {
    method: 'POST',
    route: '/v1/albums',
    request: async () => ({ path: '/v1/albums', body: { title: 'matrix', visibility: 'private' } }),
    expected: OK(201),
  },
  { method: 'GET', route: '/v1/albums', request: async () => ({ path: '/v1/albums' }), expected: OK(200) },
  ...perTarget((target) => ({
    method: 'GET',
    route: '/v1/albums/{albumId}',
    target,
    request: async (f) => ({ path: `/v1/albums/${f.albumId}` }),
    expected: readable(200, target),
  })),
  ...perTarget((target) => ({
    method: 'PATCH',
    route: '/v1/albums/{albumId}',
    target,
    request: async (f) => ({
      path: `/v1/albums/${f.albumId}`,
      body: { version: (await getAlbum(f.albumId)).version, description: 'edited' },
    }),
    expected: ownerOnly(200, target),
  })),
  ...perTarget((target) => ({
    method: 'DELETE',
    route: '/v1/albums/{albumId}',
    target,
    request: async () => {
      const album = await createAlbum({ ownerId: owner.userId, title: 'to delete', visibility: target });
      return { path: `/v1/albums/${album.albumId}` };
    },
    expected: ownerOnly(204, target),
  })),
  ...perTarget((target) => ({
    method: 'POST',
    route: '/v1/albums/{albumId}/photos',
    target,
    request: async (f) => ({
      path: `/v1/albums/${f.albumId}/photos`,
      body: { contentType: 'image/webp', size: 1000 },
    }),
    expected: ownerOnly(201, target),
  })),
  ...perTarget((target) => ({
    method: 'GET',
    route: '/v1/albums/{albumId}/photos',
    target,
    request: async (f) => ({ path: `/v1/albums/${f.albumId}/photos` }),
    expected: readable(200, target),
  })),
  ...perTarget((target) => ({
    method: 'POST',
    route: '/v1/albums/{albumId}/shares',
    target,
    request: async (f) => ({ path: `/v1/albums/${f.albumId}/shares`, body: { expiresInSeconds: 600 } }),
    expected: ownerOnly(201, target),
  })),
  ...perTarget((target) => ({
    method: 'GET',
    route: '/v1/albums/{albumId}/shares',
    target,
    request: async (f) => ({ path: `/v1/albums/${f.albumId}/shares` }),
    expected: ownerOnly(200, target),
  })),
  ...perTarget((target) => ({
    method: 'DELETE',
    route: '/v1/albums/{albumId}/shares/{token}',
    target,
    request: async (f) => {
      const link = await createShareLink({
        albumId: f.albumId,
        ownerId: owner.userId,
        expiresInSeconds: 600,
      });
      return { path: `/v1/albums/${f.albumId}/shares/${link.token}` };
    },
    // A token is a secret: someone else's link is unknown to you, whatever the album's visibility.
    expected: OK(204, 404),
  })),
  ...perTarget((target) => ({
    method: 'GET',
    route: '/v1/photos/{photoId}',
    target,
    request: async (f) => ({ path: `/v1/photos/${f.photoId}` }),
    expected: readable(200, target),
  })),
  ...perTarget((target) => ({
    method: 'PATCH',
    route: '/v1/photos/{photoId}',
    target,
    request: async (f) => ({
      path: `/v1/photos/${f.photoId}`,
      body: { version: (await getPhoto(f.photoId)).version, caption: 'edited' },
    }),
    expected: ownerOnly(200, target),
  })),
  ...perTarget((target) => ({
    method: 'DELETE',
    route: '/v1/photos/{photoId}',
    target,
    request: async (f) => ({ path: `/v1/photos/${(await freshPhoto(f)).photoId}` }),
    expected: ownerOnly(204, target),
  })),
  ...perTarget((target) => ({
    method: 'PUT',
    route: '/v1/photos/{photoId}/like',
    target,
    request: async (f) => ({ path: `/v1/photos/${f.photoId}/like` }),
    expected: readable(200, target),
  })),
  ...perTarget((target) => ({
    method: 'DELETE',
    route: '/v1/photos/{photoId}/like',
    target,
    request: async (f) => ({ path: `/v1/photos/${f.photoId}/like` }),
    expected: readable(200, target),
  })),
  ...perTarget((target) => ({
    method: 'GET',
    route: '/v1/photos/{photoId}/comments',
    target,
    request: async (f) => ({ path: `/v1/photos/${f.photoId}/comments` }),
    expected: readable(200, target),
  })),
  ...perTarget((target) => ({
    method: 'POST',
    route: '/v1/photos/{photoId}/comments',
    target,
    request: async (f) => ({ path: `/v1/photos/${f.photoId}/comments`, body: { body: 'hello' } }),
    expected: readable(201, target),
  })),
  ...perTarget((target) => ({
    method: 'DELETE',
    route: '/v1/photos/{photoId}/comments/{commentId}',
    target,
    request: async (f) => {
      const comment = await addComment({
        photoId: f.photoId,
        authorId: owner.userId,
        photoOwnerId: owner.userId,
        body: 'owner wrote this',
      });
      return { path: `/v1/photos/${f.photoId}/comments/${comment.commentId}` };
    },
    expected: ownerOnly(204, target),
  })),
  ...perTarget((target) => ({
    method: 'GET',
    route: '/v1/shared/{token}',
    target,
    // The token is the credential: whoever holds it reads the album, signed in or not.
    request: async (f) => {
      const link = await createShareLink({
        albumId: f.albumId,
        ownerId: owner.userId,
        expiresInSeconds: 600,
      });
      return { path: `/v1/shared/${link.token}` };
    },
    expected: PUBLIC_ROUTE(200),
  })),
];

describe.each(
  cells.map(
    (cell) => [`${cell.method} ${cell.route}${cell.target ? ` (${cell.target})` : ''}`, cell] as const,
  ),
)('%s', (_name, cell) => {
  it.each(['owner', 'other', 'none', 'bad'] as const)('as %s', async (caller) => {
    const target = fixtures[cell.target ?? 'private'];
    const { path, body } = await cell.request(target, caller);
    const res = await call(api, cell.method, path, { token: tokenOf(caller), body });
    expect({ caller, status: res.status }).toEqual({ caller, status: cell.expected[caller] });
    if (res.status === 401) {
      // What API Gateway's JWT authorizer answers on AWS, which the handler answers the same.
      expect({ type: res.headers.get('content-type'), body: res.body }).toEqual({
        type: 'application/json',
        body: { message: 'Unauthorized' },
      });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    } else if (res.status >= 400) {
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body).toMatchObject({
        status: res.status,
        type: expect.stringMatching(/^urn:gallery:problem:/),
      });
    }
    // Only the owner, or whoever holds a share token of the private album, sees its data.
    const sharedPrivate = cell.route === '/v1/shared/{token}' && cell.target === 'private';
    if (caller !== 'owner' && !sharedPrivate) {
      for (const secret of secrets) expect(res.text).not.toContain(secret);
    }
  });
});

describe('what each caller sees', () => {
  it("lists only the other user's public albums, and only your own as yours", async () => {
    const theirs = await call(api, 'GET', `/v1/users/${owner.handle}/albums?limit=100`, {
      token: other.token,
    });
    const ids = theirs.body.items.map((a: { albumId: string }) => a.albumId);
    expect(ids).toContain(fixtures.public.albumId);
    expect(ids).not.toContain(fixtures.private.albumId);
    const own = await call(api, 'GET', `/v1/users/${owner.handle}/albums?limit=100`, { token: owner.token });
    expect(own.body.items.map((a: { albumId: string }) => a.albumId)).toEqual(
      expect.arrayContaining([fixtures.public.albumId, fixtures.private.albumId]),
    );
    const mine = await call(api, 'GET', '/v1/albums?limit=100', { token: other.token });
    expect(mine.body.items.every((a: { ownerId: string }) => a.ownerId === other.userId)).toBe(true);
  });

  it("answers /v1/me with the caller's own profile, and public profiles without the email", async () => {
    const me = await call(api, 'GET', '/v1/me', { token: other.token });
    expect(me.body).toMatchObject({ userId: other.userId, email: other.email });
    const profile = await call(api, 'GET', `/v1/users/${owner.handle}`, { token: other.token });
    expect(profile.body).toMatchObject({ userId: owner.userId, handle: owner.handle });
    expect(profile.body).not.toHaveProperty('email');
    // The album count includes private albums: only the owner sees it.
    expect(profile.body).not.toHaveProperty('albumCount');
    const own = await call(api, 'GET', `/v1/users/${owner.handle}`, { token: owner.token });
    expect(own.body).toMatchObject({ userId: owner.userId, albumCount: expect.any(Number) });
  });

  it('changes nothing when a stranger or a bad token tries', async () => {
    const album = await getAlbum(fixtures.private.albumId);
    for (const token of [other.token, badToken(owner), undefined]) {
      await call(api, 'PATCH', `/v1/albums/${album.albumId}`, {
        token,
        body: { version: album.version, title: 'pwned' },
      });
      await call(api, 'DELETE', `/v1/photos/${fixtures.private.photoId}`, { token });
    }
    expect(await getAlbum(album.albumId)).toMatchObject({ title: album.title, version: album.version });
    expect(await getPhoto(fixtures.private.photoId)).toMatchObject({ photoId: fixtures.private.photoId });
  });

  it('shows other users only the ready photos of a public album', async () => {
    const pending = await addPhoto({
      albumId: fixtures.public.albumId,
      ownerId: owner.userId,
      contentType: 'image/jpeg',
      size: 10,
    });
    const ids = async (token: string) =>
      (
        await call(api, 'GET', `/v1/albums/${fixtures.public.albumId}/photos?limit=100`, { token })
      ).body.items.map((p: { photoId: string }) => p.photoId);
    expect(await ids(owner.token)).toEqual(
      expect.arrayContaining([fixtures.public.photoId, pending.photoId]),
    );
    const seen = await ids(other.token);
    expect(seen).toContain(fixtures.public.photoId);
    expect(seen).not.toContain(pending.photoId);
    const direct = await call(api, 'GET', `/v1/photos/${pending.photoId}`, { token: other.token });
    expect(direct.status).toBe(404);
  });

  it("counts for everyone but the owner only an album's ready photos, wherever the album is shown", async () => {
    const album = await createAlbum({ ownerId: owner.userId, title: 'Counted', visibility: 'public' });
    await readyPhoto(album.albumId);
    await addPhoto({ albumId: album.albumId, ownerId: owner.userId, contentType: 'image/jpeg', size: 10 });
    const countIn = async (token: string | undefined, path: string) => {
      const res = await call(api, 'GET', path, { token });
      expect(res.status).toBe(200);
      const body = res.body as { photoCount?: number; album?: { photoCount: number }; items?: unknown[] };
      if (body.items) {
        const found = (body.items as { albumId: string; photoCount: number }[]).find(
          (a) => a.albumId === album.albumId,
        );
        return found?.photoCount;
      }
      return body.album ? body.album.photoCount : body.photoCount;
    };
    expect(await countIn(owner.token, `/v1/albums/${album.albumId}`)).toBe(2);
    expect(await countIn(owner.token, '/v1/albums?limit=100')).toBe(2);
    expect(await countIn(owner.token, `/v1/users/${owner.handle}/albums?limit=100`)).toBe(2);
    expect(await countIn(other.token, `/v1/albums/${album.albumId}`)).toBe(1);
    expect(await countIn(other.token, `/v1/users/${owner.handle}/albums?limit=100`)).toBe(1);
    const link = await createShareLink({
      albumId: album.albumId,
      ownerId: owner.userId,
      expiresInSeconds: 600,
    });
    // Whoever holds a share link sees what a stranger sees.
    expect(await countIn(undefined, `/v1/shared/${link.token}`)).toBe(1);
  });
});
