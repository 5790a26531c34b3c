// Every access pattern against DynamoDB Local, each checked to send exactly one
// request (countRequests counts what the client actually sent).
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  createAlbum,
  deleteAlbum,
  getAlbum,
  listPublicAlbums,
  listUserAlbums,
  updateAlbum,
  type Album,
} from '../src/access/albums';
import { addComment, deleteComment, listPhotoComments } from '../src/access/comments';
import { hasLiked, likePhoto, listLikedPhotos, unlikePhoto } from '../src/access/likes';
import {
  addPhoto,
  deletePhoto,
  getPhoto,
  getPhotoLikeCount,
  listAlbumPhotos,
  listPendingPhotos,
  listUserPhotos,
  markPhotoFailed,
  markPhotoReady,
  updatePhoto,
  type Photo,
} from '../src/access/photos';
import { createShareLink, getShareLink } from '../src/access/shares';
import { getUser, getUserByHandle, registerUser, updateUser, type User } from '../src/access/users';
import { countRequests, countRequestsSettled, docClient } from '../src/client';
import {
  AlreadyExistsError,
  ConflictError,
  ForbiddenError,
  InvalidCursorError,
  NotFoundError,
  ValidationError,
} from '../src/errors';
import { keys, tableName } from '../src/table/definition';
import { uniqueHandle, uniqueUserId, useOwnTable } from './int-env';

useOwnTable('access');

const renditions = [
  {
    name: 'small',
    key: 'thumbnails/x/small.webp',
    width: 320,
    height: 240,
    contentType: 'image/webp',
    bytes: 900,
  },
];
const UNKNOWN = '01J9Z3K6Q0R4T8V2X6Z0B4D8F2';

/** Runs `fn`, asserts it sent exactly `n` requests of `command`, returns its result. */
async function once<T>(fn: () => Promise<T>, command: string, n = 1): Promise<T> {
  const { result, records } = await countRequests(fn);
  expect(records.map((r) => r.command)).toEqual(Array.from({ length: n }, () => command));
  return result;
}

async function expectError(fn: () => Promise<unknown>, type: new (...args: never[]) => Error, requests = 1) {
  const outcome = await countRequestsSettled(fn);
  expect(outcome.ok).toBe(false);
  expect((outcome as { error: unknown }).error).toBeInstanceOf(type);
  expect(outcome.requests).toBe(requests);
}

async function rawItem(pk: string, sk: string) {
  const { Item } = await docClient().send(new GetCommand({ TableName: tableName(), Key: { pk, sk } }));
  return Item;
}

async function newUser(): Promise<User> {
  return registerUser({
    userId: uniqueUserId(),
    email: 'someone@example.com',
    handle: uniqueHandle(),
    displayName: 'Someone',
  });
}

describe('users', () => {
  it('register → TransactWriteItems; by id → GetItem; by handle → Query (case-insensitive)', async () => {
    const userId = uniqueUserId();
    const handle = uniqueHandle();
    const user = await once(
      () =>
        registerUser({ userId, email: 'a@example.com', handle: handle.toUpperCase(), displayName: 'Alice' }),
      'TransactWriteItemsCommand',
    );
    expect(user).toMatchObject({ userId, handle, albumCount: 0, version: 1 });
    expect(await once(() => getUser(userId), 'GetItemCommand')).toEqual(user);
    expect(await once(() => getUserByHandle(handle.toUpperCase()), 'QueryCommand')).toEqual(user);
    expect(await rawItem(`$gallery#handle_${handle}`, '$handle_1')).toMatchObject({ userId });
  });

  it('a retried registration (same user, same handle) returns the user and writes nothing', async () => {
    const input = {
      userId: uniqueUserId(),
      email: 'r@example.com',
      handle: uniqueHandle(),
      displayName: 'R',
    };
    const first = await registerUser(input);
    const again = await once(() => registerUser(input), 'TransactWriteItemsCommand');
    expect(again).toEqual(first);
  });

  it('a taken handle is AlreadyExistsError; so is a second handle for the same user', async () => {
    const user = await newUser();
    await expectError(
      () =>
        registerUser({
          userId: uniqueUserId(),
          email: 'b@example.com',
          handle: user.handle,
          displayName: 'B',
        }),
      AlreadyExistsError,
    );
    await expectError(
      () =>
        registerUser({
          userId: user.userId,
          email: 'b@example.com',
          handle: uniqueHandle(),
          displayName: 'B',
        }),
      AlreadyExistsError,
    );
    expect(await getUser(user.userId)).toEqual(user);
  });

  it('profile edit → UpdateItem; stale version → ConflictError; unknown → NotFoundError', async () => {
    const user = await newUser();
    const updated = await once(
      () => updateUser({ userId: user.userId, bio: 'hello', expectedVersion: 1 }),
      'UpdateItemCommand',
    );
    expect(updated).toMatchObject({ bio: 'hello', version: 2, displayName: user.displayName });
    await expectError(
      () => updateUser({ userId: user.userId, bio: 'again', expectedVersion: 1 }),
      ConflictError,
    );
    await expectError(() => updateUser({ userId: uniqueUserId(), bio: 'x' }), NotFoundError);
    await expectError(() => getUser(uniqueUserId()), NotFoundError);
    await expectError(() => getUserByHandle(uniqueHandle()), NotFoundError);
  });
});

describe('albums', () => {
  let owner: User;
  beforeAll(async () => {
    owner = await newUser();
  });

  it('create → TransactWriteItems and bumps albumCount; unknown owner → NotFoundError, nothing written', async () => {
    const album = await once(
      () => createAlbum({ ownerId: owner.userId, title: 'Trip', visibility: 'public' }),
      'TransactWriteItemsCommand',
    );
    expect(await once(() => getAlbum(album.albumId), 'GetItemCommand')).toEqual(album);
    expect((await getUser(owner.userId)).albumCount).toBe(1);
    const ghost = uniqueUserId();
    await expectError(() => createAlbum({ ownerId: ghost, title: 'x', visibility: 'public' }), NotFoundError);
    expect((await listUserAlbums(ghost)).items).toEqual([]);
    await expectError(() => getAlbum(UNKNOWN), NotFoundError);
  });

  it('lists: mine newest first, public only on gsi2; cursors page and are bound to their list', async () => {
    const user = await newUser();
    const made: Album[] = [];
    for (const visibility of ['public', 'private', 'public', 'private', 'public'] as const) {
      made.push(await createAlbum({ ownerId: user.userId, title: `A ${made.length}`, visibility }));
      await new Promise((r) => setTimeout(r, 2));
    }
    const newestFirst = [...made].reverse();
    const page1 = await once(() => listUserAlbums(user.userId, { limit: 2 }), 'QueryCommand');
    expect(page1.items.map((a) => a.albumId)).toEqual(newestFirst.slice(0, 2).map((a) => a.albumId));
    const page2 = await once(
      () => listUserAlbums(user.userId, { limit: 2, cursor: page1.cursor }),
      'QueryCommand',
    );
    expect(page2.items.map((a) => a.albumId)).toEqual(newestFirst.slice(2, 4).map((a) => a.albumId));
    const page3 = await listUserAlbums(user.userId, { limit: 2, cursor: page2.cursor });
    expect(page3.items.map((a) => a.albumId)).toEqual([newestFirst[4]!.albumId]);

    const pub = await once(() => listPublicAlbums(user.userId), 'QueryCommand');
    expect(pub.items.map((a) => a.albumId)).toEqual(
      newestFirst.filter((a) => a.visibility === 'public').map((a) => a.albumId),
    );
    expect(pub.cursor).toBeNull();

    await expectError(
      () => listUserAlbums(owner.userId, { limit: 2, cursor: page1.cursor }),
      InvalidCursorError,
      0,
    );
    await expectError(
      () => listPublicAlbums(user.userId, { limit: 2, cursor: page1.cursor }),
      InvalidCursorError,
      0,
    );
  });

  it('update → UpdateItem with version; visibility moves the album in and out of the public index', async () => {
    const album = await createAlbum({ ownerId: owner.userId, title: 'Private', visibility: 'private' });
    const made = await once(
      () =>
        updateAlbum({
          albumId: album.albumId,
          ownerId: owner.userId,
          expectedVersion: 1,
          visibility: 'public',
          title: 'Now public',
        }),
      'UpdateItemCommand',
    );
    expect(made).toMatchObject({ visibility: 'public', title: 'Now public', version: 2 });
    expect((await listPublicAlbums(owner.userId, { limit: 100 })).items.map((a) => a.albumId)).toContain(
      album.albumId,
    );
    await updateAlbum({
      albumId: album.albumId,
      ownerId: owner.userId,
      expectedVersion: 2,
      visibility: 'private',
    });
    expect((await listPublicAlbums(owner.userId, { limit: 100 })).items.map((a) => a.albumId)).not.toContain(
      album.albumId,
    );
    const raw = await rawItem(`$gallery#albumid_${album.albumId.toLowerCase()}`, '$album_1');
    expect(raw).not.toHaveProperty(keys.gsi2.pk);

    await expectError(
      () =>
        updateAlbum({ albumId: album.albumId, ownerId: owner.userId, expectedVersion: 2, title: 'stale' }),
      ConflictError,
    );
    // A stranger: 404 for a private album, never a hint that it exists.
    await expectError(
      () => updateAlbum({ albumId: album.albumId, ownerId: uniqueUserId(), expectedVersion: 3, title: 'x' }),
      NotFoundError,
    );
    await expectError(
      () => updateAlbum({ albumId: UNKNOWN, ownerId: owner.userId, expectedVersion: 1, title: 'x' }),
      NotFoundError,
    );
    expect((await getAlbum(album.albumId)).title).toBe('Now public');
  });

  it('delete → TransactWriteItems; not while it has photos; not by a stranger', async () => {
    const user = await newUser();
    const album = await createAlbum({ ownerId: user.userId, title: 'Doomed', visibility: 'public' });
    const photo = await addPhoto({
      albumId: album.albumId,
      ownerId: user.userId,
      contentType: 'image/jpeg',
      size: 10,
    });
    await expectError(() => deleteAlbum({ albumId: album.albumId, ownerId: user.userId }), ConflictError);
    await expectError(() => deleteAlbum({ albumId: album.albumId, ownerId: uniqueUserId() }), ForbiddenError);
    await deletePhoto({ photoId: photo.photoId, albumId: album.albumId, ownerId: user.userId });
    await once(
      () => deleteAlbum({ albumId: album.albumId, ownerId: user.userId }),
      'TransactWriteItemsCommand',
    );
    await expectError(() => getAlbum(album.albumId), NotFoundError);
    expect((await getUser(user.userId)).albumCount).toBe(0);
    await expectError(() => deleteAlbum({ albumId: album.albumId, ownerId: user.userId }), NotFoundError);
  });
});

describe('photos', () => {
  let owner: User;
  let album: Album;
  beforeAll(async () => {
    owner = await newUser();
    album = await createAlbum({ ownerId: owner.userId, title: 'Photos', visibility: 'public' });
  });

  it('add → TransactWriteItems (pending, photoCount+1); get → GetItem; lists → Query', async () => {
    const photos: Photo[] = [];
    for (let i = 0; i < 3; i++) {
      photos.push(
        await once(
          () =>
            addPhoto({
              albumId: album.albumId,
              ownerId: owner.userId,
              contentType: 'image/png',
              size: 100 + i,
              caption: `#${i}`,
            }),
          'TransactWriteItemsCommand',
        ),
      );
    }
    expect(photos[0]).toMatchObject({
      status: 'pending',
      likeCount: 0,
      objectKey: `uploads/${owner.userId}/${photos[0]!.photoId}`,
    });
    expect(await once(() => getPhoto(photos[1]!.photoId), 'GetItemCommand')).toEqual(photos[1]);
    expect((await getAlbum(album.albumId)).photoCount).toBe(3);

    const inOrder = await once(() => listAlbumPhotos(album.albumId, { limit: 2 }), 'QueryCommand');
    const rest = await once(
      () => listAlbumPhotos(album.albumId, { limit: 2, cursor: inOrder.cursor }),
      'QueryCommand',
    );
    expect([...inOrder.items, ...rest.items].map((p) => p.photoId)).toEqual(photos.map((p) => p.photoId));
    expect(rest.cursor).toBeNull();
    const newest = await once(() => listUserPhotos(owner.userId), 'QueryCommand');
    expect(newest.items.map((p) => p.photoId)).toEqual([...photos].reverse().map((p) => p.photoId));
  });

  it('add to a missing album → NotFoundError; to someone else’s → ForbiddenError; nothing written', async () => {
    const stranger = await newUser();
    await expectError(
      () => addPhoto({ albumId: UNKNOWN, ownerId: owner.userId, contentType: 'image/png', size: 1 }),
      NotFoundError,
    );
    await expectError(
      () => addPhoto({ albumId: album.albumId, ownerId: stranger.userId, contentType: 'image/png', size: 1 }),
      ForbiddenError,
    );
    expect((await listUserPhotos(stranger.userId)).items).toEqual([]);
  });

  it('pending index holds only pending photos; ready/failed REMOVE its keys; redelivery is harmless', async () => {
    const before = new Date(Date.now() + 1000);
    const a = await addPhoto({
      albumId: album.albumId,
      ownerId: owner.userId,
      contentType: 'image/jpeg',
      size: 1,
    });
    const b = await addPhoto({
      albumId: album.albumId,
      ownerId: owner.userId,
      contentType: 'image/jpeg',
      size: 1,
    });
    const pending = async () => (await listPendingPhotos(before, { limit: 100 })).items.map((p) => p.photoId);
    expect(await once(() => listPendingPhotos(before, { limit: 100 }), 'QueryCommand')).toBeDefined();
    expect(await pending()).toEqual(expect.arrayContaining([a.photoId, b.photoId]));
    expect((await listPendingPhotos(new Date(Date.parse(a.createdAt) - 60_000))).items).toEqual([]);

    const readyBefore = (await getAlbum(album.albumId)).readyPhotoCount;
    const ready = await once(
      () =>
        markPhotoReady({ photoId: a.photoId, albumId: album.albumId, width: 640, height: 480, renditions }),
      'TransactWriteItemsCommand',
    );
    expect(ready).toEqual({ outcome: 'updated' });
    expect(await getPhoto(a.photoId)).toMatchObject({ status: 'ready', width: 640, renditions });
    const failed = await once(
      () => markPhotoFailed({ photoId: b.photoId, reason: 'not an image' }),
      'UpdateItemCommand',
    );
    expect(failed).toEqual({ outcome: 'updated' });
    expect(await getPhoto(b.photoId)).toMatchObject({ status: 'failed', failureReason: 'not an image' });
    // Only the ready one counts for the album's readers.
    expect((await getAlbum(album.albumId)).readyPhotoCount).toBe(readyBefore + 1);
    for (const p of [a, b]) {
      const raw = await rawItem(`$gallery#photoid_${p.photoId.toLowerCase()}`, '$photo_1');
      expect(raw).not.toHaveProperty(keys.gsi3.pk);
      expect(raw).not.toHaveProperty(keys.gsi3.sk);
    }
    expect(await pending()).not.toEqual(expect.arrayContaining([a.photoId]));
    expect(await pending()).not.toEqual(expect.arrayContaining([b.photoId]));

    const again = await once(
      () => markPhotoReady({ photoId: a.photoId, albumId: album.albumId, width: 1, height: 1, renditions }),
      'TransactWriteItemsCommand',
    );
    expect(again).toMatchObject({ outcome: 'unchanged', photo: { status: 'ready', width: 640 } });
    expect((await getAlbum(album.albumId)).readyPhotoCount).toBe(readyBefore + 1);
    // Claimed for another album: not this photo.
    await expectError(
      () => markPhotoReady({ photoId: a.photoId, albumId: UNKNOWN, width: 1, height: 1, renditions }),
      NotFoundError,
    );
    expect(
      (await markPhotoReady({ photoId: b.photoId, albumId: album.albumId, width: 1, height: 1, renditions }))
        .outcome,
    ).toBe('unchanged');
    await expectError(
      () => markPhotoReady({ photoId: UNKNOWN, albumId: album.albumId, width: 1, height: 1, renditions }),
      NotFoundError,
    );
  });

  it('caption edit → UpdateItem with version; stale → Conflict; stranger → Forbidden', async () => {
    const photo = await addPhoto({
      albumId: album.albumId,
      ownerId: owner.userId,
      contentType: 'image/gif',
      size: 5,
    });
    const edited = await once(
      () =>
        updatePhoto({ photoId: photo.photoId, ownerId: owner.userId, expectedVersion: 1, caption: 'new' }),
      'UpdateItemCommand',
    );
    expect(edited).toMatchObject({ caption: 'new', version: 2 });
    await expectError(
      () => updatePhoto({ photoId: photo.photoId, ownerId: owner.userId, expectedVersion: 1, caption: 'x' }),
      ConflictError,
    );
    await expectError(
      () =>
        updatePhoto({ photoId: photo.photoId, ownerId: uniqueUserId(), expectedVersion: 2, caption: 'x' }),
      ForbiddenError,
    );
    await expectError(
      () => updatePhoto({ photoId: UNKNOWN, ownerId: owner.userId, expectedVersion: 1, caption: 'x' }),
      NotFoundError,
    );
  });

  it('delete → TransactWriteItems with photoCount−1; wrong owner/album/unknown → typed errors', async () => {
    const photo = await addPhoto({
      albumId: album.albumId,
      ownerId: owner.userId,
      contentType: 'image/gif',
      size: 5,
    });
    const count = (await getAlbum(album.albumId)).photoCount;
    await expectError(
      () => deletePhoto({ photoId: photo.photoId, albumId: album.albumId, ownerId: uniqueUserId() }),
      ForbiddenError,
    );
    await expectError(
      () => deletePhoto({ photoId: photo.photoId, albumId: UNKNOWN, ownerId: owner.userId }),
      NotFoundError,
    );
    await once(
      () => deletePhoto({ photoId: photo.photoId, albumId: album.albumId, ownerId: owner.userId }),
      'TransactWriteItemsCommand',
    );
    expect((await getAlbum(album.albumId)).photoCount).toBe(count - 1);
    await expectError(
      () => deletePhoto({ photoId: photo.photoId, albumId: album.albumId, ownerId: owner.userId }),
      NotFoundError,
    );
    await expectError(() => getPhoto(photo.photoId), NotFoundError);
  });
});

describe("album counters and cover across a photo's life", () => {
  let owner: User;
  beforeAll(async () => {
    owner = await newUser();
  });

  const renditions = [
    {
      name: 'thumb',
      key: 'thumbnails/x/y/thumb.webp',
      width: 1,
      height: 1,
      contentType: 'image/webp',
      bytes: 1,
    },
  ];
  async function photoIn(albumId: string) {
    return addPhoto({ albumId, ownerId: owner.userId, contentType: 'image/png', size: 1 });
  }
  async function counts(albumId: string) {
    const album = await getAlbum(albumId);
    return {
      photoCount: album.photoCount,
      readyPhotoCount: album.readyPhotoCount,
      cover: album.coverPhotoId,
    };
  }

  it('counts ready photos apart, and a deletion takes them off both counts, whatever status it was told', async () => {
    const album = await createAlbum({ ownerId: owner.userId, title: 'Counts', visibility: 'public' });
    const [a, b] = [await photoIn(album.albumId), await photoIn(album.albumId)];
    expect(await counts(album.albumId)).toEqual({ photoCount: 2, readyPhotoCount: 0, cover: undefined });
    await markPhotoReady({ photoId: a.photoId, albumId: album.albumId, width: 1, height: 1, renditions });
    expect(await counts(album.albumId)).toMatchObject({ photoCount: 2, readyPhotoCount: 1 });
    // Told "pending" (read before it became ready): the transaction is refused and sent again.
    const sent = await countRequests(() =>
      deletePhoto({ photoId: a.photoId, albumId: album.albumId, ownerId: owner.userId, status: 'pending' }),
    );
    expect(sent.requests).toBe(2);
    expect(await counts(album.albumId)).toMatchObject({ photoCount: 1, readyPhotoCount: 0 });
    await once(
      () =>
        deletePhoto({ photoId: b.photoId, albumId: album.albumId, ownerId: owner.userId, status: 'pending' }),
      'TransactWriteItemsCommand',
    );
    expect(await counts(album.albumId)).toEqual({ photoCount: 0, readyPhotoCount: 0, cover: undefined });
  });

  it('deleting the cover photo clears the cover in the same transaction; another photo leaves it', async () => {
    const album = await createAlbum({ ownerId: owner.userId, title: 'Cover', visibility: 'public' });
    const [cover, other] = [await photoIn(album.albumId), await photoIn(album.albumId)];
    await updateAlbum({
      albumId: album.albumId,
      ownerId: owner.userId,
      expectedVersion: 1,
      coverPhotoId: cover.photoId,
    });
    await deletePhoto({ photoId: other.photoId, albumId: album.albumId, ownerId: owner.userId });
    expect(await counts(album.albumId)).toMatchObject({ photoCount: 1, cover: cover.photoId });
    // The deletion first expects "not the cover": the album's condition refuses it, and the second
    // attempt, told by the cancellation, removes the cover with the photo.
    const sent = await countRequests(() =>
      deletePhoto({ photoId: cover.photoId, albumId: album.albumId, ownerId: owner.userId }),
    );
    expect(sent.requests).toBe(2);
    expect(await counts(album.albumId)).toEqual({ photoCount: 0, readyPhotoCount: 0, cover: undefined });
    expect(await rawItem(`$gallery#albumid_${album.albumId.toLowerCase()}`, '$album_1')).not.toHaveProperty(
      'coverPhotoId',
    );
  });

  it('a cover is set only to a photo of the album, checked in the same transaction', async () => {
    const album = await createAlbum({ ownerId: owner.userId, title: 'Covers', visibility: 'public' });
    const elsewhere = await createAlbum({ ownerId: owner.userId, title: 'Other', visibility: 'public' });
    const [mine, theirs] = [await photoIn(album.albumId), await photoIn(elsewhere.albumId)];
    const set = (coverPhotoId: string, expectedVersion: number) =>
      updateAlbum({ albumId: album.albumId, ownerId: owner.userId, expectedVersion, coverPhotoId });
    await expectError(() => set(theirs.photoId, 1), ValidationError);
    await expectError(() => set(UNKNOWN, 1), ValidationError);
    const updated = await countRequests(() => set(mine.photoId, 1));
    // The transaction, then the album read back.
    expect(updated.records.map((r) => r.command)).toEqual(['TransactWriteItemsCommand', 'GetItemCommand']);
    expect(updated.result).toMatchObject({ coverPhotoId: mine.photoId, version: 2 });
    await expectError(() => set(mine.photoId, 1), ConflictError);
    await expectError(
      () =>
        updateAlbum({
          albumId: album.albumId,
          ownerId: uniqueUserId(),
          expectedVersion: 2,
          coverPhotoId: mine.photoId,
        }),
      ForbiddenError,
    );
    // Deleted first, then set as cover: refused, so no cover outlives its photo.
    const gone = await photoIn(album.albumId);
    await deletePhoto({ photoId: gone.photoId, albumId: album.albumId, ownerId: owner.userId });
    await expectError(() => set(gone.photoId, 2), ValidationError);
    expect((await getAlbum(album.albumId)).coverPhotoId).toBe(mine.photoId);
  });

  it('concurrent cover changes and deletions never leave a cover without its photo', async () => {
    const album = await createAlbum({ ownerId: owner.userId, title: 'Cover race', visibility: 'public' });
    const photos = await Promise.all(Array.from({ length: 8 }, () => photoIn(album.albumId)));
    // Each round: set the cover to a photo (retrying stale versions) while that photo is deleted.
    for (const photo of photos) {
      const setCover = async (): Promise<void> => {
        for (;;) {
          const { version } = await getAlbum(album.albumId);
          try {
            await updateAlbum({
              albumId: album.albumId,
              ownerId: owner.userId,
              expectedVersion: version,
              coverPhotoId: photo.photoId,
            });
            return;
          } catch (err) {
            if (err instanceof ValidationError) return;
            if (!(err instanceof ConflictError)) throw err;
          }
        }
      };
      await Promise.all([
        setCover(),
        deletePhoto({ photoId: photo.photoId, albumId: album.albumId, ownerId: owner.userId }),
      ]);
      expect((await getAlbum(album.albumId)).coverPhotoId).toBeUndefined();
    }
  });

  it('concurrent "ready" and deletions of the same photos leave exact counts', async () => {
    const album = await createAlbum({ ownerId: owner.userId, title: 'Race', visibility: 'public' });
    const photos = await Promise.all(Array.from({ length: 12 }, () => photoIn(album.albumId)));
    await Promise.all(
      photos.flatMap((photo) => [
        markPhotoReady({
          photoId: photo.photoId,
          albumId: album.albumId,
          width: 1,
          height: 1,
          renditions,
        }).catch((err: unknown) => {
          // Deleted first: nothing to mark.
          if (!(err instanceof NotFoundError)) throw err;
        }),
        // Each deletion read the photo as pending: some of them are wrong by the time they write.
        deletePhoto({
          photoId: photo.photoId,
          albumId: album.albumId,
          ownerId: owner.userId,
          status: 'pending',
        }),
      ]),
    );
    expect(await counts(album.albumId)).toEqual({ photoCount: 0, readyPhotoCount: 0, cover: undefined });
  });
});

describe('likes and comments', () => {
  let photo: Photo;
  let fan: User;
  beforeAll(async () => {
    const owner = await newUser();
    fan = await newUser();
    const album = await createAlbum({ ownerId: owner.userId, title: 'L', visibility: 'public' });
    photo = await addPhoto({
      albumId: album.albumId,
      ownerId: owner.userId,
      contentType: 'image/webp',
      size: 1,
    });
  });

  it('like/unlike → one conditional PutItem/DeleteItem each, idempotent, the photo untouched; has liked → GetItem', async () => {
    const input = { photoId: photo.photoId, userId: fan.userId };
    const like = { ...input, photoOwnerId: photo.ownerId };
    const before = await getPhoto(photo.photoId);
    expect(await once(() => hasLiked(input), 'GetItemCommand')).toBe(false);
    expect(await once(() => likePhoto(like), 'PutItemCommand')).toEqual({ liked: true, changed: true });
    expect(await once(() => likePhoto(like), 'PutItemCommand')).toEqual({ liked: true, changed: false });
    expect(await hasLiked(input)).toBe(true);
    const liked = await once(() => listLikedPhotos(fan.userId), 'QueryCommand');
    expect(liked.items.map((l) => l.photoId)).toEqual([photo.photoId]);
    expect(liked.items[0]?.photoOwnerId).toBe(photo.ownerId);
    expect(await once(() => unlikePhoto(input), 'DeleteItemCommand')).toEqual({
      liked: false,
      changed: true,
    });
    expect(await once(() => unlikePhoto(input), 'DeleteItemCommand')).toEqual({
      liked: false,
      changed: false,
    });
    // Counting is the stream consumer's (none runs on this table): the photo item is not written.
    expect(await getPhoto(photo.photoId)).toEqual(before);
    expect(await once(() => getPhotoLikeCount(photo.photoId), 'GetItemCommand')).toBe(0);
    expect((await listLikedPhotos(fan.userId)).items).toEqual([]);
  });

  it('comments: add → PutItem, delete → conditional DeleteItem (author only); list → Query newest first', async () => {
    const comment = { photoId: photo.photoId, authorId: fan.userId, photoOwnerId: photo.ownerId };
    const before = await getPhoto(photo.photoId);
    const first = await once(() => addComment({ ...comment, body: 'first' }), 'PutItemCommand');
    await new Promise((r) => setTimeout(r, 2));
    const second = await addComment({ ...comment, body: 'second' });
    const list = await once(() => listPhotoComments(photo.photoId), 'QueryCommand');
    expect(list.items.map((c) => c.body)).toEqual(['second', 'first']);
    await expectError(
      () => deleteComment({ photoId: photo.photoId, commentId: first.commentId, authorId: uniqueUserId() }),
      ForbiddenError,
    );
    await once(
      () => deleteComment({ photoId: photo.photoId, commentId: first.commentId, authorId: fan.userId }),
      'DeleteItemCommand',
    );
    await expectError(
      () => deleteComment({ photoId: photo.photoId, commentId: first.commentId, authorId: fan.userId }),
      NotFoundError,
    );
    expect(await getPhoto(photo.photoId)).toEqual(before);
    expect((await listPhotoComments(photo.photoId)).items.map((c) => c.commentId)).toEqual([
      second.commentId,
    ]);
  });
});

describe('share links', () => {
  it('create → TransactWriteItems (owner checked); get → GetItem; expired → NotFound even if present', async () => {
    const owner = await newUser();
    const album = await createAlbum({ ownerId: owner.userId, title: 'S', visibility: 'private' });
    const link = await once(
      () => createShareLink({ albumId: album.albumId, ownerId: owner.userId, expiresInSeconds: 3600 }),
      'TransactWriteItemsCommand',
    );
    expect(await once(() => getShareLink(link.token), 'GetItemCommand')).toEqual(link);
    await expectError(
      () => getShareLink(link.token, new Date(Date.parse(link.expiresAt) + 1)),
      NotFoundError,
    );
    await expectError(
      () => createShareLink({ albumId: album.albumId, ownerId: uniqueUserId(), expiresInSeconds: 60 }),
      NotFoundError,
    );
    await expectError(
      () => createShareLink({ albumId: UNKNOWN, ownerId: owner.userId, expiresInSeconds: 60 }),
      NotFoundError,
    );
    await expectError(() => getShareLink('A'.repeat(43)), NotFoundError);
    const raw = await rawItem(`$gallery#token_${link.token}`, '$sharelink_1');
    expect(raw).toMatchObject({ ttl: link.ttl });
  });
});

describe('request counter and guard rails', () => {
  it('refuses Scan at the client', async () => {
    const client: DynamoDBDocumentClient = docClient();
    await expect(client.send(new ScanCommand({ TableName: tableName() }))).rejects.toThrow(
      /Scan is not allowed/,
    );
  });

  it('reports consumed capacity', async () => {
    const { capacityUnits, requests } = await countRequests(() =>
      docClient().send(new PutCommand({ TableName: tableName(), Item: { pk: 'probe', sk: 'probe' } })),
    );
    expect(requests).toBe(1);
    expect(capacityUnits).toBeGreaterThan(0);
  });
});
