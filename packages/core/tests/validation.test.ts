// Bad input is refused before any request: a typed ValidationError with field
// issues, and zero requests sent (so nothing can have been written).
import './unit-env';
import { createAlbum, getAlbum, listUserAlbums, updateAlbum } from '../src/access/albums';
import { addComment } from '../src/access/comments';
import { likePhoto } from '../src/access/likes';
import { addPhoto, markPhotoReady } from '../src/access/photos';
import { createShareLink, getShareLink } from '../src/access/shares';
import { getUserByHandle, registerUser } from '../src/access/users';
import { countRequestsSettled } from '../src/client';
import { InvalidCursorError, ValidationError } from '../src/errors';

const ALBUM = '01J9Z3K6Q0R4T8V2X6Z0B4D8F2';

const cases: [string, () => Promise<unknown>, string][] = [
  [
    'register: empty handle',
    () => registerUser({ userId: 'u', email: 'a@b.co', handle: '', displayName: 'A' }),
    'handle',
  ],
  [
    'register: bad email',
    () => registerUser({ userId: 'u', email: 'nope', handle: 'abc', displayName: 'A' }),
    'email',
  ],
  [
    'register: handle too long',
    () => registerUser({ userId: 'u', email: 'a@b.co', handle: 'a'.repeat(31), displayName: 'A' }),
    'handle',
  ],
  [
    'register: handle with spaces',
    () => registerUser({ userId: 'u', email: 'a@b.co', handle: 'a b c', displayName: 'A' }),
    'handle',
  ],
  ['album: empty title', () => createAlbum({ ownerId: 'u', title: '  ', visibility: 'public' }), 'title'],
  [
    'album: title too long',
    () => createAlbum({ ownerId: 'u', title: 'x'.repeat(121), visibility: 'public' }),
    'title',
  ],
  [
    'album: bad visibility',
    () => createAlbum({ ownerId: 'u', title: 't', visibility: 'friends' as 'public' }),
    'visibility',
  ],
  [
    'album: description too long',
    () => createAlbum({ ownerId: 'u', title: 't', description: 'x'.repeat(2001), visibility: 'public' }),
    'description',
  ],
  [
    'album: wrong type',
    () => createAlbum({ ownerId: 42 as unknown as string, title: 't', visibility: 'public' }),
    'ownerId',
  ],
  ['album id not a ULID', () => getAlbum('not-an-id'), '(root)'],
  [
    'update: no version',
    () => updateAlbum({ albumId: ALBUM, ownerId: 'u', title: 'x' } as never),
    'expectedVersion',
  ],
  [
    'photo: bad content type',
    () => addPhoto({ albumId: ALBUM, ownerId: 'u', contentType: 'text/html' as 'image/png', size: 1 }),
    'contentType',
  ],
  [
    'photo: too large',
    () => addPhoto({ albumId: ALBUM, ownerId: 'u', contentType: 'image/png', size: 1e12 }),
    'size',
  ],
  [
    'photo: size as string',
    () =>
      addPhoto({ albumId: ALBUM, ownerId: 'u', contentType: 'image/png', size: '5' as unknown as number }),
    'size',
  ],
  [
    'ready: no renditions',
    () => markPhotoReady({ photoId: ALBUM, albumId: ALBUM, width: 1, height: 1, renditions: [] }),
    'renditions',
  ],
  ['like: empty user', () => likePhoto({ photoId: ALBUM, userId: '', photoOwnerId: 'u' }), 'userId'],
  [
    'comment: empty body',
    () => addComment({ photoId: ALBUM, authorId: 'u', photoOwnerId: 'u', body: '' }),
    'body',
  ],
  [
    'share: negative expiry',
    () => createShareLink({ albumId: ALBUM, ownerId: 'u', expiresInSeconds: -1 }),
    'expiresInSeconds',
  ],
  ['share: bad token', () => getShareLink('short'), '(root)'],
  ['handle lookup: bad handle', () => getUserByHandle('!!'), '(root)'],
  ['list: limit too large', () => listUserAlbums('u', { limit: 1000 }), 'limit'],
];

describe('bad input', () => {
  it.each(cases)('%s → ValidationError, no request', async (_name, call, path) => {
    const outcome = await countRequestsSettled(call);
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: unknown }).error;
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
    expect(outcome.requests).toBe(0);
  });

  it('a tampered cursor → InvalidCursorError, no request', async () => {
    const outcome = await countRequestsSettled(() => listUserAlbums('u', { cursor: 'eyJsIjoiIn0.AAAA' }));
    expect((outcome as { error: unknown }).error).toBeInstanceOf(InvalidCursorError);
    expect(outcome.requests).toBe(0);
  });
});
