// Request shapes of the maintenance access patterns, built without a network.
process.env.TABLE_NAME ??= 'gallery-unit';
process.env.AWS_REGION ??= 'us-east-1';
import { buildCountChildrenPage, buildGetCounter, buildSetCounter } from '@gallery/core/access/counters';
import { buildListCounterRepairs, buildRequestCounterRepairs } from '@gallery/core/access/counter-repairs';
import { buildGetPhotoOwners } from '@gallery/core/access/photo-owners';
import { buildReapPendingPhoto } from '@gallery/core/access/reap';
import { ValidationError } from '@gallery/core/errors';

const ALBUM = '01J9Z3K6Q0R4T8V2X6Z0B4D8F2';
const PHOTO = '01J9Z3K6Q0R4T8V2X6Z0B4D8F3';
const lower = (s: string) => s.toLowerCase();
// A mixed run (unit + integration) inherits the harness's TABLE_NAME.
const TABLE = process.env.TABLE_NAME ?? '';

describe('maintenance request shapes', () => {
  it('reaps a photo only while pending, in the album it claims, with the album count', () => {
    const { TransactItems } = buildReapPendingPhoto(
      { photoId: PHOTO, albumId: ALBUM, ownerId: 'u-1' },
      new Date('2026-01-02T03:04:05.000Z'),
    ).params() as {
      TransactItems: Array<{
        Delete?: Record<string, unknown>;
        Update?: Record<string, unknown>;
        Put?: Record<string, unknown>;
      }>;
    };
    expect(TransactItems).toHaveLength(3);
    const del = TransactItems[0]?.Delete as {
      Key: object;
      ConditionExpression: string;
      ExpressionAttributeValues: object;
    };
    expect(del.Key).toEqual({ pk: `$gallery#photoid_${lower(PHOTO)}`, sk: '$photo_1' });
    expect(Object.values(del.ExpressionAttributeValues)).toEqual(
      expect.arrayContaining(['pending', ALBUM, 'u-1']),
    );
    const update = TransactItems[1]?.Update as {
      Key: object;
      UpdateExpression: string;
      ConditionExpression: string;
    };
    expect(update.Key).toEqual({ pk: `$gallery#albumid_${lower(ALBUM)}`, sk: '$album_1' });
    expect(update.UpdateExpression).toMatch(/photoCount/);
    expect(update.ConditionExpression).toMatch(/attribute_exists/);
    // Its comments, likes and objects (if any) go to the purge queue in the same transaction,
    // unconditionally, with the owner whose prefixes hold the objects.
    expect(TransactItems[2]?.Put).toEqual({
      TableName: TABLE,
      Item: {
        pk: '$maintenance#photo-purge',
        sk: PHOTO,
        photoId: PHOTO,
        ownerId: 'u-1',
        requestedAt: '2026-01-02T03:04:05.000Z',
      },
    });
  });

  it('counts an album’s photos on gsi1 with Select COUNT, and a photo’s likes consistently in its partition', () => {
    // An album also counts its ready photos: the status of each, nothing else.
    const album = buildCountChildrenPage({ kind: 'album', id: ALBUM });
    expect(album).toMatchObject({
      IndexName: 'gsi1',
      ProjectionExpression: '#status',
      ExpressionAttributeValues: { ':pk': `$gallery#albumid_${lower(ALBUM)}`, ':sk1': '$photo_1#photoid_' },
    });
    expect(album.ExpressionAttributeNames?.['#status']).toBe('status');
    expect(album.Select).toBeUndefined();
    expect(album.ConsistentRead).toBeUndefined();
    const likes = buildCountChildrenPage({ kind: 'photo', id: PHOTO }, { startKey: { pk: 'a', sk: 'b' } });
    expect(likes).toMatchObject({
      Select: 'COUNT',
      ConsistentRead: true,
      ExclusiveStartKey: { pk: 'a', sk: 'b' },
      ExpressionAttributeValues: { ':pk': `$gallery#photoid_${lower(PHOTO)}`, ':sk1': '$like_1#userid_' },
    });
    expect(likes.IndexName).toBeUndefined();
    const albums = buildCountChildrenPage({ kind: 'user', id: 'u-1' }, { collectIds: true });
    expect(albums).toMatchObject({ IndexName: 'gsi1', ProjectionExpression: '#childId' });
    expect(albums.ExpressionAttributeNames?.['#childId']).toBe('albumId');
    expect(albums.Select).toBeUndefined();
  });

  it('reads a counter (and an album its ready counter) and its updatedAt strongly consistent', () => {
    expect(buildGetCounter({ kind: 'user', id: 'u-1' })).toMatchObject({
      Key: { pk: '$gallery#userid_u-1', sk: '$user_1' },
      ConsistentRead: true,
      ExpressionAttributeNames: { '#counter': 'albumCount', '#updatedAt': 'updatedAt' },
    });
    expect(buildGetCounter({ kind: 'album', id: ALBUM })).toMatchObject({
      ProjectionExpression: '#counter, #ready, #updatedAt',
      ExpressionAttributeNames: {
        '#counter': 'photoCount',
        '#ready': 'readyPhotoCount',
        '#updatedAt': 'updatedAt',
      },
    });
  });

  it('fixes a counter only if neither it nor its item changed since it was read', () => {
    const params = buildSetCounter({
      target: { kind: 'photo', id: PHOTO },
      expected: { value: 4, updatedAt: '2025-01-01T00:00:00.000Z' },
      value: 3,
    }).params() as { ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> };
    expect(params.ConditionExpression).toMatch(/likeCount/);
    expect(params.ConditionExpression).toMatch(/updatedAt/);
    expect(Object.values(params.ExpressionAttributeValues)).toEqual(
      expect.arrayContaining([4, 3, '2025-01-01T00:00:00.000Z']),
    );
  });

  it("sets an album's ready counter with its photo count, on the same conditions", () => {
    const params = buildSetCounter({
      target: { kind: 'album', id: ALBUM },
      expected: { value: 2, ready: undefined, updatedAt: '2025-01-01T00:00:00.000Z' },
      value: 3,
      ready: 1,
    }).params() as {
      UpdateExpression: string;
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
    };
    expect(Object.values(params.ExpressionAttributeNames)).toEqual(
      expect.arrayContaining(['photoCount', 'readyPhotoCount', 'updatedAt']),
    );
    expect(() =>
      buildSetCounter({
        target: { kind: 'album', id: ALBUM },
        expected: { value: 2, updatedAt: '' },
        value: 3,
      }),
    ).toThrow(ValidationError);
  });

  it('refuses bad targets and counts before building anything', () => {
    expect(() => buildCountChildrenPage({ kind: 'album', id: 'nope' })).toThrow(ValidationError);
    expect(() =>
      buildSetCounter({
        target: { kind: 'album', id: ALBUM },
        expected: { value: 1, updatedAt: '' },
        value: -1,
      }),
    ).toThrow(ValidationError);
  });

  it('keeps the repair queue in a partition of its own, parents sorting before children', () => {
    const input = buildRequestCounterRepairs([
      { kind: 'photo', id: PHOTO, deep: false, requestedAt: 't' },
      { kind: 'user', id: 'u-1', deep: true, requestedAt: 't' },
    ]);
    const items = input.RequestItems?.[TABLE]?.map((r) => r.PutRequest?.Item) ?? [];
    expect(items.map((i) => i?.pk)).toEqual(['$maintenance#counter-repair', '$maintenance#counter-repair']);
    expect(items.map((i) => i?.sk)).toEqual([`3#photo#${PHOTO}`, '1#user#u-1']);
    expect(() => buildRequestCounterRepairs([])).toThrow(RangeError);
    expect(buildListCounterRepairs(undefined, 10)).toMatchObject({
      ExpressionAttributeValues: { ':pk': '$maintenance#counter-repair' },
      Limit: 10,
      ConsistentRead: true,
    });
  });

  it('asks for at most 100 distinct photo keys in one BatchGetItem', () => {
    const input = buildGetPhotoOwners([PHOTO, PHOTO, ALBUM]);
    expect(input.RequestItems?.[TABLE]?.Keys).toEqual([
      { pk: `$gallery#photoid_${lower(PHOTO)}`, sk: '$photo_1' },
      { pk: `$gallery#photoid_${lower(ALBUM)}`, sk: '$photo_1' },
    ]);
    expect(() => buildGetPhotoOwners(Array.from({ length: 101 }, () => PHOTO))).toThrow(ValidationError);
  });
});
