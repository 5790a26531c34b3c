// The stream step's pure parts: records → reactions, reactions → one photo's plan and transaction.
import './unit-env';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { activityDays, buildForgetPhotoActivity, buildListActivity } from '../src/access/activity';
import { buildAddComment } from '../src/access/comments';
import { buildLikePhoto } from '../src/access/likes';
import { buildAddPhoto } from '../src/access/photos';
import {
  activityExpiry,
  actorSlot,
  buildApplyReactions,
  deletedPhotoOf,
  namedActors,
  planReactionGroup,
  reactionOf,
  transactionRuns,
  type Reaction,
} from '../src/access/reactions';

const PHOTO = '01J9Z3K6Q0R4T8V2X6Z0B4D8F3';
const OWNER = 'owner-1';
const AT = '2026-12-03T10:00:00.000Z';

type Params = Record<string, unknown> & {
  Item?: Record<string, unknown>;
  UpdateExpression?: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

const readable = (p: Params, expression: string | undefined) =>
  (expression ?? '')
    .replace(/#\w+/g, (n) => p.ExpressionAttributeNames?.[n] ?? n)
    .replace(/:\w+/g, (v) => JSON.stringify(p.ExpressionAttributeValues?.[v]));

function streamRecord(
  eventName: 'INSERT' | 'REMOVE' | 'MODIFY',
  item: Record<string, unknown>,
): DynamoDBRecord {
  const image = marshall(item, { removeUndefinedValues: true }) as NonNullable<
    NonNullable<DynamoDBRecord['dynamodb']>['NewImage']
  >;
  return {
    eventID: `e-${eventName}`,
    eventName,
    dynamodb: {
      SequenceNumber: '1',
      ...(eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
      ...(eventName === 'MODIFY' ? { OldImage: image } : {}),
    },
  };
}

const likeItem = (userId: string) =>
  (buildLikePhoto({ photoId: PHOTO, userId, photoOwnerId: OWNER }, new Date(AT)).params() as Params).Item!;

function reaction(overrides: Partial<Reaction> & Pick<Reaction, 'eventId'>): Reaction {
  return {
    kind: 'like',
    delta: 1,
    photoId: PHOTO,
    photoOwnerId: OWNER,
    actorId: 'fan-1',
    at: AT,
    ...overrides,
  };
}

describe('reactionOf', () => {
  it('reads likes and comments, inserted or removed, from the images the API writes', () => {
    expect(reactionOf(streamRecord('INSERT', likeItem('fan-1')))).toEqual({
      eventId: 'e-INSERT',
      kind: 'like',
      delta: 1,
      photoId: PHOTO,
      photoOwnerId: OWNER,
      actorId: 'fan-1',
      at: AT,
    });
    expect(reactionOf(streamRecord('REMOVE', likeItem('fan-1')))).toMatchObject({ kind: 'like', delta: -1 });
    const { operation } = buildAddComment(
      { photoId: PHOTO, authorId: 'fan-2', photoOwnerId: OWNER, body: 'nice' },
      new Date(AT),
    );
    const comment = (operation.params() as Params).Item!;
    expect(reactionOf(streamRecord('REMOVE', comment))).toEqual({
      eventId: 'e-REMOVE',
      kind: 'comment',
      delta: -1,
      photoId: PHOTO,
      photoOwnerId: OWNER,
      actorId: 'fan-2',
      at: AT,
    });
  });

  it('ignores edits and other entities', () => {
    expect(reactionOf(streamRecord('MODIFY', likeItem('fan-1')))).toBeNull();
    const { photo } = buildAddPhoto({ albumId: PHOTO, ownerId: OWNER, contentType: 'image/png', size: 1 });
    expect(reactionOf(streamRecord('INSERT', { ...photo, __edb_e__: 'photo', __edb_v__: '1' }))).toBeNull();
  });

  it('a REMOVE of a photo names the deleted photo; nothing else does', () => {
    const { photo } = buildAddPhoto({ albumId: PHOTO, ownerId: OWNER, contentType: 'image/png', size: 1 });
    const item = { ...photo, __edb_e__: 'photo', __edb_v__: '1' };
    expect(deletedPhotoOf(streamRecord('REMOVE', item))).toMatchObject({
      photoId: photo.photoId,
      ownerId: OWNER,
    });
    expect(deletedPhotoOf(streamRecord('INSERT', item))).toBeNull();
    expect(deletedPhotoOf(streamRecord('REMOVE', likeItem('fan-1')))).toBeNull();
  });
});

describe('planReactionGroup', () => {
  it("sums every reaction into the photo's deltas, and only others' into the owner's activity", () => {
    const plan = planReactionGroup({
      handles: new Map([['fan-1', 'ada']]),
      reactions: [
        reaction({ eventId: 'a' }),
        reaction({ eventId: 'b', actorId: OWNER }),
        reaction({ eventId: 'c', kind: 'comment', actorId: 'fan-2', at: '2026-12-03T11:00:00.000Z' }),
        reaction({ eventId: 'd', kind: 'comment', actorId: 'fan-2', delta: -1 }),
      ],
    });
    expect(plan).toEqual({
      likeDelta: 2,
      commentDelta: 0,
      photoOwnerId: OWNER,
      eventIds: ['a', 'b', 'c', 'd'],
      activity: [
        {
          day: '2026-12-03',
          likeDelta: 1,
          commentDelta: 0,
          slots: {
            [`liker${actorSlot('fan-1')}`]: { userId: 'fan-1', handle: 'ada' },
            [`commenter${actorSlot('fan-2')}`]: {},
          },
          lastActivityAt: '2026-12-03T11:00:00.000Z',
        },
      ],
    });
  });

  it('a removal counts against the day of the like it takes back, and vacates its slot unless taken since', () => {
    const plan = planReactionGroup({
      handles: new Map(),
      reactions: [reaction({ eventId: 'a', delta: -1, at: '2026-11-30T23:59:59.000Z' })],
    });
    expect(plan.activity).toEqual([
      {
        day: '2026-11-30',
        likeDelta: -1,
        commentDelta: 0,
        slots: { [`liker${actorSlot('fan-1')}`]: {} },
        lastActivityAt: undefined,
      },
    ]);
    // Someone sharing fan-1's slot likes after fan-1 unliked: the slot is theirs.
    const other = ['fan-2', 'fan-3', 'fan-4', 'fan-5', 'fan-6'].find(
      (id) => actorSlot(id) === actorSlot('fan-1'),
    );
    const later = planReactionGroup({
      handles: new Map(),
      reactions: [reaction({ eventId: 'a', actorId: other! }), reaction({ eventId: 'b', delta: -1 })],
    });
    expect(later.activity[0]?.slots).toEqual({ [`liker${actorSlot('fan-1')}`]: { userId: other } });
  });
});

describe('namedActors', () => {
  it('only the people left in a slot: not the owner, not whoever a later reaction displaced', () => {
    const slotOf1 = actorSlot('fan-1');
    const displacer = ['fan-2', 'fan-3', 'fan-4', 'fan-5', 'fan-6'].find((id) => actorSlot(id) === slotOf1)!;
    expect(
      namedActors([
        reaction({ eventId: 'a' }),
        reaction({ eventId: 'b', actorId: displacer }),
        reaction({ eventId: 'c', actorId: OWNER }),
        reaction({ eventId: 'd', actorId: 'fan-9', kind: 'comment' }),
        reaction({ eventId: 'e', actorId: 'fan-9', kind: 'comment', delta: -1 }),
      ]),
    ).toEqual([displacer]);
  });
});

describe('transactionRuns', () => {
  it('keeps each transaction within 100 items: the photo, one entry per day, a receipt per reaction', () => {
    const many = Array.from({ length: 250 }, (_, i) => reaction({ eventId: `e${i}`, actorId: `fan-${i}` }));
    expect(transactionRuns(many).map((run) => run.length)).toEqual([98, 98, 54]);
    const days = Array.from({ length: 60 }, (_, i) =>
      reaction({ eventId: `d${i}`, at: new Date(Date.parse(AT) - i * 86_400_000).toISOString() }),
    );
    const runs = transactionRuns(days);
    expect(runs.map((run) => run.length)).toEqual([49, 11]);
    for (const run of runs)
      expect(1 + run.length + new Set(run.map((r) => r.at.slice(0, 10))).size).toBeLessThanOrEqual(100);
  });
});

describe('buildApplyReactions', () => {
  it("one transaction: the photo's ADD (existing photo, updatedAt untouched), the day's upsert, a receipt per record", () => {
    const { transaction } = buildApplyReactions({
      photoId: PHOTO,
      reactions: [reaction({ eventId: 'a' }), reaction({ eventId: 'b', actorId: 'fan-2', kind: 'comment' })],
      handles: new Map(),
      consumer: 'test',
      now: new Date(AT),
    });
    const items = (transaction.params() as { TransactItems: Record<string, Params>[] }).TransactItems;
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Update', 'Update', 'Put', 'Put']);
    const photo = items[0]!.Update!;
    expect(readable(photo, photo.UpdateExpression)).toContain('ADD likeCount 1, commentCount 1');
    expect(readable(photo, photo.UpdateExpression)).not.toContain('updatedAt');
    expect(readable(photo, photo.ConditionExpression)).toBe('attribute_exists(pk) AND attribute_exists(sk)');
    const entry = items[1]!.Update!;
    expect(entry.Key).toEqual({
      pk: '$gallery#ownerid_owner-1',
      sk: `$activity_1#day_2026-12-03#photoid_${PHOTO.toLowerCase()}`,
    });
    expect(readable(entry, entry.UpdateExpression)).toContain(`ttl = ${activityExpiry('2026-12-03')}`);
    const receipt = items[2]!.Put!;
    expect(receipt.Item).toMatchObject({
      eventId: 'a',
      consumer: 'test',
      ttl: Date.parse(AT) / 1000 + 25 * 3600,
    });
    expect(readable(receipt, receipt.ConditionExpression)).toBe(
      'attribute_not_exists(pk) AND attribute_not_exists(sk)',
    );
  });

  it('only checks the photo exists when the deltas cancel out', () => {
    const { transaction } = buildApplyReactions({
      photoId: PHOTO,
      reactions: [
        reaction({ eventId: 'a', actorId: OWNER }),
        reaction({ eventId: 'b', actorId: OWNER, delta: -1 }),
      ],
      handles: new Map(),
      consumer: 'test',
      now: new Date(AT),
    });
    const items = (transaction.params() as { TransactItems: Record<string, Params>[] }).TransactItems;
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['ConditionCheck', 'Put', 'Put']);
  });
});

describe('activity', () => {
  it('expires 90 days after its day', () => {
    expect(activityExpiry('2026-12-03')).toBe(Date.parse('2027-03-04T00:00:00.000Z') / 1000);
  });

  it("a deleted photo's days: from its creation (or 90 days back) to its deletion", () => {
    expect(activityDays('2026-12-01T23:00:00.000Z', '2026-12-03T01:00:00.000Z')).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
    const long = activityDays('2020-01-01T00:00:00.000Z', '2026-12-03T00:00:00.000Z');
    expect(long).toHaveLength(91);
    expect(long[0]).toBe('2026-09-04');
    const deletes = buildForgetPhotoActivity({
      ownerId: OWNER,
      photoId: PHOTO,
      createdAt: '2026-12-02T00:00:00.000Z',
      deletedAt: '2026-12-03T00:00:00.000Z',
    }).params() as unknown as { RequestItems: Record<string, { DeleteRequest: { Key: unknown } }[]> }[];
    expect(deletes.flatMap((batch) => Object.values(batch.RequestItems).flat())).toEqual(
      ['2026-12-02', '2026-12-03'].map((day) => ({
        DeleteRequest: {
          Key: {
            pk: '$gallery#ownerid_owner-1',
            sk: `$activity_1#day_${day}#photoid_${PHOTO.toLowerCase()}`,
          },
        },
      })),
    );
  });

  it('the feed is one reverse Query of the owner partition that hides expired and emptied entries', () => {
    const now = new Date(AT);
    const p = buildListActivity(OWNER, now).params({ order: 'desc' }) as Params & {
      FilterExpression?: string;
      KeyConditionExpression?: string;
    };
    expect(p.ScanIndexForward).toBe(false);
    expect(readable(p, p.KeyConditionExpression)).toBe(
      'pk = "$gallery#ownerid_owner-1" and begins_with(sk, "$activity_1#day_")',
    );
    expect(readable(p, p.FilterExpression)).toBe(
      `ttl > ${Date.parse(AT) / 1000} AND (likeCount > 0 OR commentCount > 0)`,
    );
  });
});
