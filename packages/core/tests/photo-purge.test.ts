// Request shapes of the photo-purge queue and of the purge itself, built without a network.
import './unit-env';
import { buildAddComment } from '../src/access/comments';
import { buildLikePhoto } from '../src/access/likes';
import {
  BATCH_WRITE_LIMIT,
  buildCompletePhotoPurge,
  buildDeleteItems,
  buildListPhotoLeftovers,
  buildListPhotoPurges,
  photoPurgeEntry,
  selectPhotoLeftovers,
} from '../src/access/photo-purges';
import { ValidationError } from '../src/errors';

const PHOTO = '01J9Z3K6Q0R4T8V2X6Z0B4D8F3';
const TABLE = process.env.TABLE_NAME;

type Item = { pk: string; sk: string };

/** Where a comment and a like of PHOTO are written, as the API writes them. */
function storedKeys() {
  const comment = (
    buildAddComment({
      photoId: PHOTO,
      authorId: 'u-1',
      photoOwnerId: 'u-0',
      body: 'hi',
    }).operation.params() as {
      Item: Item;
    }
  ).Item;
  const like = (
    buildLikePhoto({ photoId: PHOTO, userId: 'u-2', photoOwnerId: 'u-0' }).params() as { Item: Item }
  ).Item;
  return { comment, like };
}

describe('photo-purge queue', () => {
  it('queues a photo under its id in the $maintenance#photo-purge partition, unconditionally', () => {
    const entry = photoPurgeEntry(
      { photoId: PHOTO, ownerId: 'u-1' },
      new Date('2026-01-02T03:04:05.000Z'),
    ) as unknown as {
      Put: Record<string, unknown>;
    };
    expect(entry).toEqual({
      Put: {
        TableName: TABLE,
        Item: {
          pk: '$maintenance#photo-purge',
          sk: PHOTO,
          photoId: PHOTO,
          ownerId: 'u-1',
          requestedAt: '2026-01-02T03:04:05.000Z',
        },
      },
    });
    expect(entry.Put).not.toHaveProperty('ConditionExpression');
  });

  it('lists the queue with one consistent Query page of its partition', () => {
    expect(buildListPhotoPurges()).toEqual({
      TableName: TABLE,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ExpressionAttributeValues: { ':pk': '$maintenance#photo-purge' },
      ConsistentRead: true,
      Limit: 100,
    });
    const next = buildListPhotoPurges({ pk: '$maintenance#photo-purge', sk: PHOTO }, 10);
    expect(next).toMatchObject({
      Limit: 10,
      ExclusiveStartKey: { pk: '$maintenance#photo-purge', sk: PHOTO },
    });
    expect(() => buildListPhotoPurges(undefined, 0)).toThrow(ValidationError);
  });

  it('removes a queue entry by its key', () => {
    expect(buildCompletePhotoPurge(PHOTO)).toEqual({
      TableName: TABLE,
      Key: { pk: '$maintenance#photo-purge', sk: PHOTO },
    });
    expect(() => buildCompletePhotoPurge('not-a-ulid')).toThrow(ValidationError);
  });
});

describe('photo leftovers', () => {
  it('queries the partition comments and likes are stored under, keys only, consistently', () => {
    const { comment, like } = storedKeys();
    const q = buildListPhotoLeftovers(PHOTO);
    expect(q).toEqual({
      TableName: TABLE,
      KeyConditionExpression: '#pk = :pk',
      ProjectionExpression: '#pk, #sk',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: { ':pk': `$gallery#photoid_${PHOTO.toLowerCase()}` },
      ConsistentRead: true,
      Limit: 100,
    });
    const pk = (q.ExpressionAttributeValues as Record<string, string>)[':pk'];
    expect(pk).toBe(comment.pk);
    expect(pk).toBe(like.pk);
  });

  it('keeps exactly the comments and likes of a page, by primary key', () => {
    const { comment, like } = storedKeys();
    const photoRow = { pk: comment.pk, sk: '$photo_1', photoId: PHOTO };
    const selected = selectPhotoLeftovers(PHOTO, [
      { ...comment, body: 'hi' },
      photoRow,
      { ...like, likedAt: 'x' },
      { pk: comment.pk },
    ]);
    expect(selected).toEqual([
      { pk: comment.pk, sk: comment.sk },
      { pk: like.pk, sk: like.sk },
    ]);
    expect(selectPhotoLeftovers(PHOTO, [])).toEqual([]);
  });

  it('pages from a start key and refuses an id that is not a photo id', () => {
    const start = { pk: `$gallery#photoid_${PHOTO.toLowerCase()}`, sk: '$comment_1#commentid_x' };
    expect(buildListPhotoLeftovers(PHOTO, start, 25)).toMatchObject({ ExclusiveStartKey: start, Limit: 25 });
    expect(() => buildListPhotoLeftovers('$maintenance')).toThrow(ValidationError);
  });
});

describe('deleting items', () => {
  it('is one BatchWriteItem of up to 25 deletes by primary key only', () => {
    const keys = Array.from({ length: BATCH_WRITE_LIMIT }, (_, i) => ({
      pk: 'p',
      sk: `s${i}`,
      body: 'ignored',
    }));
    const input = buildDeleteItems(keys);
    const requests = input.RequestItems?.[TABLE!] ?? [];
    expect(requests).toHaveLength(25);
    expect(requests[0]).toEqual({ DeleteRequest: { Key: { pk: 'p', sk: 's0' } } });
    expect(requests.every((r) => r.PutRequest === undefined)).toBe(true);
  });

  it('refuses an empty or oversized batch', () => {
    expect(() => buildDeleteItems([])).toThrow(RangeError);
    expect(() =>
      buildDeleteItems(Array.from({ length: BATCH_WRITE_LIMIT + 1 }, (_, i) => ({ pk: 'p', sk: `s${i}` }))),
    ).toThrow(RangeError);
  });
});
