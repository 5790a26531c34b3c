// The activity service's stream mappings as deployed (its serverless.yml, resolved by osls), and
// what their filters let through: records made from the entities' own items, so a change to a key
// format that the filters no longer match fails here.
import { marshall } from '@aws-sdk/util-dynamodb';
import path from 'node:path';
import { matchesFilters } from '@gallery/local-stack/streams/filter';
import { readStreamMappings, type StreamMapping } from '@gallery/local-stack/streams/config';
import { buildAddComment } from '@gallery/core/access/comments';
import { buildLikePhoto } from '@gallery/core/access/likes';
import { buildAddPhoto } from '@gallery/core/access/photos';
import { buildApplyReactions } from '@gallery/core/access/reactions';

// Entities read it when first built (in the tests, not at import).
process.env.TABLE_NAME ??= 'gallery-unit';

const SERVICE = path.resolve(__dirname, '..');
const PHOTO = '01J9Z3K6Q0R4T8V2X6Z0B4D8F3';

let mappings: Map<string, StreamMapping>;

beforeAll(async () => {
  mappings = new Map((await readStreamMappings(SERVICE)).map((m) => [m.functionKey, m]));
}, 60_000);

type Item = Record<string, unknown>;
type Kind = 'INSERT' | 'MODIFY' | 'REMOVE';

function record(eventName: Kind, item: Item) {
  const image = marshall(item, { removeUndefinedValues: true });
  return {
    eventName,
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }),
      ...(eventName !== 'REMOVE' ? { NewImage: image } : {}),
      ...(eventName !== 'INSERT' ? { OldImage: image } : {}),
      SizeBytes: 100,
    },
  };
}

function items() {
  const like = (
    buildLikePhoto({ photoId: PHOTO, userId: 'fan', photoOwnerId: 'owner' }).params() as { Item: Item }
  ).Item;
  const comment = (
    buildAddComment({
      photoId: PHOTO,
      authorId: 'fan',
      photoOwnerId: 'owner',
      body: 'hi',
    }).operation.params() as {
      Item: Item;
    }
  ).Item;
  const photo = (
    buildAddPhoto({
      albumId: PHOTO,
      ownerId: 'owner',
      contentType: 'image/png',
      size: 1,
    }).transaction.params() as {
      TransactItems: { Put: { Item: Item } }[];
    }
  ).TransactItems[0]!.Put.Item;
  const tx = buildApplyReactions({
    photoId: PHOTO,
    reactions: [
      {
        eventId: 'e1',
        kind: 'like',
        delta: 1,
        photoId: PHOTO,
        photoOwnerId: 'owner',
        actorId: 'fan',
        at: new Date().toISOString(),
      },
    ],
    handles: new Map(),
    consumer: 'test',
    now: new Date(),
  }).transaction.params() as { TransactItems: [unknown, { Update: { Key: Item } }, { Put: { Item: Item } }] };
  const activity = tx.TransactItems[1].Update.Key;
  const receipt = tx.TransactItems[2].Put.Item;
  return { like, comment, photo, activity, receipt };
}

describe('activity stream mappings (serverless.yml)', () => {
  it('are bounded, batched, bisected, partial-response, with the on-failure queue', () => {
    for (const key of ['applyReactions', 'forgetPhotoActivity']) {
      expect(mappings.get(key)).toMatchObject({
        functionName: `gallery-activity-dev-${key}`,
        handler: `src/functions/${key}/handler.handler`,
        startingPosition: 'TRIM_HORIZON',
        batchWindowSeconds: 1,
        maximumRetryAttempts: 10,
        maximumRecordAgeSeconds: 3600,
        bisectBatchOnFunctionError: true,
        reportBatchItemFailures: true,
        onFailure: JSON.stringify({ 'Fn::GetAtt': ['StreamFailuresQueue', 'Arn'] }),
      });
    }
    // 90 records of one photo + its entry + the photo fit one transaction.
    expect(mappings.get('applyReactions')?.batchSize).toBe(90);
  });

  it('applyReactions sees likes and comments created or deleted, and nothing else', () => {
    const { like, comment, photo, activity, receipt } = items();
    const patterns = mappings.get('applyReactions')!.filterPatterns;
    const passes = (kind: Kind, item: Item) => matchesFilters(record(kind, item), patterns);
    expect([
      passes('INSERT', like),
      passes('REMOVE', like),
      passes('INSERT', comment),
      passes('REMOVE', comment),
    ]).toEqual([true, true, true, true]);
    expect([
      passes('MODIFY', like),
      passes('INSERT', photo),
      passes('MODIFY', photo),
      passes('REMOVE', photo),
      passes('INSERT', activity),
      passes('MODIFY', activity),
      passes('INSERT', receipt),
      passes('REMOVE', receipt),
    ]).toEqual([false, false, false, false, false, false, false, false]);
  });

  it('forgetPhotoActivity sees deleted photos only', () => {
    const { like, comment, photo, activity } = items();
    const patterns = mappings.get('forgetPhotoActivity')!.filterPatterns;
    const passes = (kind: Kind, item: Item) => matchesFilters(record(kind, item), patterns);
    expect(passes('REMOVE', photo)).toBe(true);
    expect([
      passes('INSERT', photo),
      passes('MODIFY', photo),
      passes('REMOVE', like),
      passes('REMOVE', comment),
      passes('REMOVE', activity),
    ]).toEqual([false, false, false, false, false]);
  });
});
