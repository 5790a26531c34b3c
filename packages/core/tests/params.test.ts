// Request shapes of every access pattern, built without a network (`.params()`):
// keys, indexes, conditions and update expressions.
import './unit-env';
import {
  buildCreateAlbum,
  buildDeleteAlbum,
  buildListPublicAlbums,
  buildListUserAlbums,
  buildUpdateAlbum,
} from '../src/access/albums';
import { buildAddComment, buildDeleteComment, buildListPhotoComments } from '../src/access/comments';
import { buildGetLike, buildLikePhoto, buildListLikedPhotos, buildUnlikePhoto } from '../src/access/likes';
import {
  buildAddPhoto,
  buildDeletePhoto,
  buildGetPhoto,
  buildListAlbumPhotos,
  buildListPendingPhotos,
  buildListUserPhotos,
  buildMarkPhotoFailed,
  buildMarkPhotoReady,
  buildUpdatePhoto,
  ulidLowerBound,
} from '../src/access/photos';
import {
  buildCreateShareLink,
  buildGetShareLink,
  buildListAlbumShareLinks,
  buildRevokeShareLink,
} from '../src/access/shares';
import { buildGetUser, buildGetUserByHandle, buildRegisterUser, buildUpdateUser } from '../src/access/users';

const ALBUM = '01J9Z3K6Q0R4T8V2X6Z0B4D8F2';
const PHOTO = '01J9Z3K6Q0R4T8V2X6Z0B4D8F3';
const COMMENT = '01J9Z3K6Q0R4T8V2X6Z0B4D8F4';
const lower = (s: string) => s.toLowerCase();

type Params = Record<string, unknown> & {
  Key?: Record<string, unknown>;
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};
type TxParams = { TransactItems: Record<string, Params>[] };

/** Resolves `#name`/`:value` placeholders so assertions read like DynamoDB would. */
function readable(expression: string | undefined, p: Params): string {
  return (expression ?? '')
    .replace(/#\w+/g, (n) => p.ExpressionAttributeNames?.[n] ?? n)
    .replace(/:\w+/g, (v) => JSON.stringify(p.ExpressionAttributeValues?.[v]));
}

describe('users', () => {
  it('register: User put + Handle put, both attribute_not_exists, and the account not blocked, one transaction', () => {
    const { transaction, user } = buildRegisterUser({
      userId: 'u-1',
      email: 'a@example.com',
      handle: 'alice',
      displayName: 'Alice',
    });
    const { TransactItems } = transaction.params() as TxParams;
    expect(TransactItems).toHaveLength(3);
    const [userPut, handlePut] = TransactItems.map((i) => i.Put!);
    // An erased (blocked) account cannot get its profile back (account-blocks.ts).
    const check = (
      TransactItems[2] as unknown as { ConditionCheck: { Key: { pk: string }; ConditionExpression: string } }
    ).ConditionCheck;
    expect(check.Key.pk).toMatch(/^\$account-block#[0-9a-f]{64}$/);
    expect(check.ConditionExpression).toBe('attribute_not_exists(#pk)');
    expect(userPut!.Item).toMatchObject({
      pk: '$gallery#userid_u-1',
      sk: '$user_1',
      gsi1pk: '$gallery#handle_alice',
    });
    expect(handlePut!.Item).toMatchObject({ pk: '$gallery#handle_alice', sk: '$handle_1', userId: 'u-1' });
    for (const put of [userPut!, handlePut!]) {
      expect(readable(put.ConditionExpression, put)).toBe(
        'attribute_not_exists(pk) AND attribute_not_exists(sk)',
      );
      expect(put.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    }
    expect(user.albumCount).toBe(0);
  });

  it('user by id is a GetItem; user by handle a gsi1 Query', () => {
    expect(buildGetUser('u-1').params()).toMatchObject({ Key: { pk: '$gallery#userid_u-1', sk: '$user_1' } });
    const q = buildGetUserByHandle('alice').params({ limit: 1 }) as Params;
    expect(q).toMatchObject({ IndexName: 'gsi1', Limit: 1 });
    expect(readable(q.KeyConditionExpression as string, q)).toBe(
      'gsi1pk = "$gallery#handle_alice" and gsi1sk = "$user_1"',
    );
  });

  it('profile edit requires the item and, optionally, the version', () => {
    const p = buildUpdateUser({ userId: 'u-1', displayName: 'A', expectedVersion: 3 }).params() as Params;
    expect(readable(p.ConditionExpression, p)).toBe(
      'attribute_exists(pk) AND attribute_exists(sk) AND version = 3',
    );
    expect(readable(p.UpdateExpression, p)).toContain('ADD version 1');
  });
});

describe('albums', () => {
  it('create: Album put + owner albumCount+1 on an existing user', () => {
    const { transaction, album } = buildCreateAlbum(
      { ownerId: 'u-1', title: 'T', visibility: 'public' },
      new Date('2026-01-02T03:04:05.000Z'),
    );
    const [put, update] = (transaction.params() as TxParams).TransactItems;
    expect(put!.Put!.Item).toMatchObject({
      gsi1pk: '$gallery#ownerid_u-1',
      gsi1sk: `$album_1#createdat_2026-01-02t03:04:05.000z#albumid_${lower(album.albumId)}`,
      gsi2pk: '$gallery#ownerid_u-1',
      gsi2sk: `$album_1#visibility_public#albumid_${lower(album.albumId)}`,
    });
    expect(update!.Update!.Key).toEqual({ pk: '$gallery#userid_u-1', sk: '$user_1' });
    expect(readable(update!.Update!.UpdateExpression, update!.Update!)).toContain('ADD albumCount 1');
    expect(readable(update!.Update!.ConditionExpression, update!.Update!)).toBe(
      'attribute_exists(pk) AND attribute_exists(sk)',
    );
  });

  it('a private album carries no gsi2 keys (sparse public index)', () => {
    const { transaction } = buildCreateAlbum({ ownerId: 'u-1', title: 'T', visibility: 'private' });
    const item = (transaction.params() as TxParams).TransactItems[0]!.Put!.Item as Record<string, unknown>;
    expect(item).not.toHaveProperty('gsi2pk');
    expect(item).not.toHaveProperty('gsi2sk');
  });

  it('update is conditioned on owner and version; going private removes the gsi2 keys', () => {
    const p = buildUpdateAlbum({
      albumId: ALBUM,
      ownerId: 'u-1',
      expectedVersion: 4,
      visibility: 'private',
    }).params() as Params;
    expect(readable(p.ConditionExpression, p)).toContain('ownerId = "u-1" AND version = 4');
    expect(readable(p.UpdateExpression, p)).toMatch(/REMOVE gsi2pk, gsi2sk/);
    const pub = buildUpdateAlbum({
      albumId: ALBUM,
      ownerId: 'u-1',
      expectedVersion: 4,
      visibility: 'public',
    }).params() as Params;
    expect(readable(pub.UpdateExpression, pub)).toContain(
      `gsi2sk = "$album_1#visibility_public#albumid_${lower(ALBUM)}"`,
    );
    const title = buildUpdateAlbum({
      albumId: ALBUM,
      ownerId: 'u-1',
      expectedVersion: 4,
      title: 'x',
    }).params() as Params;
    expect(readable(title.UpdateExpression, title)).not.toContain('gsi2');
  });

  it('delete: only the owner, only when empty; albumCount−1', () => {
    const [del, upd] = (buildDeleteAlbum({ albumId: ALBUM, ownerId: 'u-1' }).params() as TxParams)
      .TransactItems;
    expect(readable(del!.Delete!.ConditionExpression, del!.Delete!)).toBe(
      'ownerId = "u-1" AND photoCount = 0',
    );
    expect(readable(upd!.Update!.UpdateExpression, upd!.Update!)).toContain(
      'SET albumCount = (if_not_exists(albumCount, 0) - 1)',
    );
  });

  it('lists are index queries, newest first', () => {
    const mine = buildListUserAlbums('u-1').params({ order: 'desc' }) as Params;
    expect(mine).toMatchObject({ IndexName: 'gsi1', ScanIndexForward: false });
    const pub = buildListPublicAlbums('u-1').params({ order: 'desc' }) as Params;
    expect(pub).toMatchObject({ IndexName: 'gsi2', ScanIndexForward: false });
    expect(readable(pub.KeyConditionExpression as string, pub)).toContain(
      'begins_with(gsi2sk, "$album_1#visibility_public#albumid_")',
    );
  });
});

describe('photos', () => {
  it('add: pending Photo put (in the sparse gsi3) + album photoCount+1 for its owner', () => {
    const { transaction, photo } = buildAddPhoto({
      albumId: ALBUM,
      ownerId: 'u-1',
      contentType: 'image/png',
      size: 10,
    });
    const [put, upd] = (transaction.params() as TxParams).TransactItems;
    expect(put!.Put!.Item).toMatchObject({
      status: 'pending',
      objectKey: `uploads/u-1/${photo.photoId}`,
      gsi1pk: `$gallery#albumid_${lower(ALBUM)}`,
      gsi2pk: '$gallery#ownerid_u-1',
      gsi3pk: '$gallery#status_pending',
      gsi3sk: `$photo_1#photoid_${lower(photo.photoId)}`,
    });
    expect(readable(upd!.Update!.ConditionExpression, upd!.Update!)).toBe(
      'attribute_exists(pk) AND attribute_exists(sk) AND ownerId = "u-1"',
    );
    expect(upd!.Update!.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
  });

  it('ready/failed: only from pending, and they REMOVE the gsi3 keys; ready counts in the album, same transaction', () => {
    const renditions = [
      { name: 's', key: 'thumbnails/x', width: 1, height: 1, contentType: 'image/webp', bytes: 1 },
    ];
    const { TransactItems } = buildMarkPhotoReady({
      photoId: PHOTO,
      albumId: ALBUM,
      width: 10,
      height: 10,
      renditions,
    }).params() as TxParams;
    expect(TransactItems).toHaveLength(2);
    const [ready, album] = TransactItems.map((item) => item.Update!);
    expect(readable(ready!.ConditionExpression, ready!)).toBe(
      `attribute_exists(pk) AND attribute_exists(sk) AND status = "pending" AND albumId = "${ALBUM}"`,
    );
    expect(readable(ready!.UpdateExpression, ready!)).toMatch(/REMOVE gsi3pk, gsi3sk/);
    expect(album!.Key).toEqual({ pk: `$gallery#albumid_${lower(ALBUM)}`, sk: '$album_1' });
    expect(readable(album!.UpdateExpression, album!)).toMatch(/ADD readyPhotoCount 1$/);
    expect(readable(album!.UpdateExpression, album!)).not.toContain('photoCount =');
    const failed = buildMarkPhotoFailed({ photoId: PHOTO, reason: 'not an image' }).params() as Params;
    expect(readable(failed.ConditionExpression, failed)).toBe(
      'attribute_exists(pk) AND attribute_exists(sk) AND status = "pending"',
    );
    expect(readable(failed.UpdateExpression, failed)).toMatch(/REMOVE gsi3pk, gsi3sk/);
  });

  it('caption edit: owner + version', () => {
    const p = buildUpdatePhoto({
      photoId: PHOTO,
      ownerId: 'u-1',
      expectedVersion: 2,
      caption: 'c',
    }).params() as Params;
    expect(readable(p.ConditionExpression, p)).toContain('ownerId = "u-1" AND version = 2');
    expect(readable(p.UpdateExpression, p)).not.toContain('gsi3');
  });

  it('delete: Photo delete (owner, album, readiness) + album counters and cover + purge-queue entry, one transaction', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    const input = { photoId: PHOTO, albumId: ALBUM, ownerId: 'u-1' };
    const { TransactItems } = buildDeletePhoto(
      input,
      { ready: false, cover: false },
      at,
    ).params() as TxParams;
    expect(TransactItems).toHaveLength(3);
    const [del, upd, queued] = TransactItems;
    expect(del!.Delete!.Key).toEqual({ pk: `$gallery#photoid_${lower(PHOTO)}`, sk: '$photo_1' });
    expect(readable(del!.Delete!.ConditionExpression, del!.Delete!)).toBe(
      `ownerId = "u-1" AND albumId = "${ALBUM}" AND status <> "ready"`,
    );
    expect(upd!.Update!.Key).toEqual({ pk: `$gallery#albumid_${lower(ALBUM)}`, sk: '$album_1' });
    expect(readable(upd!.Update!.UpdateExpression, upd!.Update!)).toContain(
      'SET photoCount = (if_not_exists(photoCount, 0) - 1)',
    );
    expect(readable(upd!.Update!.UpdateExpression, upd!.Update!)).not.toMatch(/readyPhotoCount|REMOVE/);
    // Not the cover: checked, so a cover set meanwhile cancels the deletion instead of dangling.
    expect(readable(upd!.Update!.ConditionExpression, upd!.Update!)).toBe(
      `attribute_exists(pk) AND attribute_exists(sk) AND (attribute_not_exists(coverPhotoId) OR coverPhotoId <> "${PHOTO}")`,
    );
    expect(upd!.Update!.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    // Unconditional: queuing never cancels the deletion.
    expect(queued!.Put).toEqual({
      TableName: process.env.TABLE_NAME,
      Item: {
        pk: '$maintenance#photo-purge',
        sk: PHOTO,
        photoId: PHOTO,
        ownerId: 'u-1',
        requestedAt: '2026-01-02T03:04:05.000Z',
      },
    });

    // A ready photo that is the album's cover: both counters, and the cover removed, each checked.
    const other = (buildDeletePhoto(input, { ready: true, cover: true }, at).params() as TxParams)
      .TransactItems;
    expect(readable(other[0]!.Delete!.ConditionExpression, other[0]!.Delete!)).toBe(
      `ownerId = "u-1" AND albumId = "${ALBUM}" AND status = "ready"`,
    );
    const update = other[1]!.Update!;
    expect(readable(update.UpdateExpression, update)).toContain(
      'readyPhotoCount = (if_not_exists(readyPhotoCount, 0) - 1)',
    );
    expect(readable(update.UpdateExpression, update)).toContain('REMOVE coverPhotoId');
    expect(readable(update.ConditionExpression, update)).toBe(
      `attribute_exists(pk) AND attribute_exists(sk) AND coverPhotoId = "${PHOTO}"`,
    );
  });

  it('reads: GetItem and index queries', () => {
    expect(buildGetPhoto(PHOTO).params()).toMatchObject({ Key: { pk: `$gallery#photoid_${lower(PHOTO)}` } });
    expect(buildListAlbumPhotos(ALBUM).params({ order: 'asc' })).toMatchObject({
      IndexName: 'gsi1',
      ScanIndexForward: true,
    });
    expect(buildListUserPhotos('u-1').params({ order: 'desc' })).toMatchObject({
      IndexName: 'gsi2',
      ScanIndexForward: false,
    });
  });

  it('pending older than T queries gsi3 below the ULID of T', () => {
    const t = new Date('2026-01-01T00:00:00.000Z');
    const p = buildListPendingPhotos(t).params() as Params;
    expect(p.IndexName).toBe('gsi3');
    expect(readable(p.KeyConditionExpression as string, p)).toBe(
      `gsi3pk = "$gallery#status_pending" and gsi3sk < "$photo_1#photoid_${lower(ulidLowerBound(t))}"`,
    );
    expect(ulidLowerBound(t) < '01KDWZZZZZZZZZZZZZZZZZZZZZ').toBe(true);
  });
});

describe('likes', () => {
  it('like: one Like put, attribute_not_exists, carrying the photo owner; the photo is not written', () => {
    const p = buildLikePhoto({ photoId: PHOTO, userId: 'u-2', photoOwnerId: 'u-1' }).params() as Params & {
      Item: Record<string, unknown>;
    };
    expect(p.Item).toMatchObject({
      pk: `$gallery#photoid_${lower(PHOTO)}`,
      sk: '$like_1#userid_u-2',
      gsi1pk: '$gallery#userid_u-2',
      photoOwnerId: 'u-1',
    });
    expect(readable(p.ConditionExpression as string, p)).toBe(
      'attribute_not_exists(pk) AND attribute_not_exists(sk)',
    );
    expect(p.TransactItems).toBeUndefined();
  });

  it('unlike: one Like delete, attribute_exists', () => {
    const p = buildUnlikePhoto({ photoId: PHOTO, userId: 'u-2' }).params() as Params;
    expect(p.Key).toEqual({ pk: `$gallery#photoid_${lower(PHOTO)}`, sk: '$like_1#userid_u-2' });
    expect(readable(p.ConditionExpression as string, p)).toBe(
      'attribute_exists(pk) AND attribute_exists(sk)',
    );
  });

  it('has liked = GetItem; liked photos = gsi1 Query', () => {
    expect(buildGetLike({ photoId: PHOTO, userId: 'u-2' }).params()).toMatchObject({
      Key: { pk: `$gallery#photoid_${lower(PHOTO)}`, sk: '$like_1#userid_u-2' },
    });
    expect(buildListLikedPhotos('u-2').params()).toMatchObject({ IndexName: 'gsi1' });
  });
});

describe('comments and share links', () => {
  it('comment add: one put (new id); delete: one delete conditioned on the author; neither writes the photo', () => {
    const { operation, comment } = buildAddComment({
      photoId: PHOTO,
      authorId: 'u-2',
      photoOwnerId: 'u-1',
      body: 'hi',
    });
    const put = operation.params() as Params & { Item: Record<string, unknown> };
    expect(put.Item).toMatchObject({ photoOwnerId: 'u-1', commentId: comment.commentId, body: 'hi' });
    expect(readable(put.ConditionExpression as string, put)).toBe(
      'attribute_not_exists(pk) AND attribute_not_exists(sk)',
    );
    const del = buildDeleteComment({
      photoId: PHOTO,
      commentId: COMMENT,
      authorId: 'u-2',
    }).params() as Params;
    expect(readable(del.ConditionExpression as string, del)).toBe('authorId = "u-2"');
    expect(buildListPhotoComments(PHOTO).params({ order: 'desc' })).toMatchObject({
      ScanIndexForward: false,
    });
  });

  it('share link: put with ttl (epoch seconds) + ownership ConditionCheck on the album', () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    const { transaction, link } = buildCreateShareLink(
      { albumId: ALBUM, ownerId: 'u-1', expiresInSeconds: 3600 },
      at,
    );
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link).toMatchObject({ expiresAt: '2026-01-01T01:00:00.000Z', ttl: at.getTime() / 1000 + 3600 });
    const [put, check] = (transaction.params() as TxParams).TransactItems;
    expect(put!.Put!.Item).toMatchObject({ ttl: link.ttl });
    expect(readable(check!.ConditionCheck!.ConditionExpression, check!.ConditionCheck!)).toBe(
      'ownerId = "u-1"',
    );
    expect(buildGetShareLink(link.token).params()).toMatchObject({ Key: { sk: '$sharelink_1' } });
  });

  it("share links of an album: one Query on gsi1 in the owner's own partition, expired ones filtered out", () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    const params = buildListAlbumShareLinks('u-1', ALBUM, now).params({ order: 'desc' }) as {
      IndexName: string;
      KeyConditionExpression: string;
      FilterExpression: string;
      ScanIndexForward: boolean;
    };
    expect(params).toMatchObject({ IndexName: 'gsi1', ScanIndexForward: false });
    const condition = readable(params.KeyConditionExpression, params);
    expect(condition).toContain('ownerid_u-1');
    expect(condition).toContain(`albumid_${ALBUM.toLowerCase()}`);
    expect(readable(params.FilterExpression, params)).toContain('expiresAt > "2026-01-01T00:00:00.000Z"');
  });

  it('share link revoke: one DeleteItem conditioned on the album and the owner', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE';
    const params = buildRevokeShareLink({ token, albumId: ALBUM, ownerId: 'u-1' }).params() as {
      Key: { pk: string };
      ConditionExpression: string;
    };
    expect(params.Key.pk).toContain(token);
    expect(readable(params.ConditionExpression, params)).toBe(`albumId = "${ALBUM}" AND ownerId = "u-1"`);
  });

  it('share link: the token keeps its case in the key, so no case variant finds the link', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE';
    const key = (buildGetShareLink(token).params() as { Key: { pk: string } }).Key.pk;
    expect(key).toContain(token);
    expect((buildGetShareLink(token.toLowerCase()).params() as { Key: { pk: string } }).Key.pk).not.toBe(key);
  });
});
