import type { DynamoDBRecord } from 'aws-lambda';
import table from '@gallery/core/table/table.json';
import { hottest, indexWrites, tallyWrites, type IndexShape } from './index-writes';

const indexes = table.GlobalSecondaryIndexes as IndexShape[];
const [gsi1, gsi2, gsi3] = indexes as [IndexShape, IndexShape, IndexShape];
const TABLE_KEYS = ['pk', 'sk'];

const S = (value: string) => ({ S: value });
const N = (value: number) => ({ N: String(value) });
const photo = {
  pk: S('$gallery#photoid_p1'),
  sk: S('$photo_1'),
  gsi1pk: S('album-a'),
  gsi1sk: S('p1'),
  gsi2pk: S('owner-o'),
  gsi2sk: S('p1'),
  caption: S('x'),
  likeCount: N(0),
};

const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', old?: object, next?: object): DynamoDBRecord => ({
  eventName,
  dynamodb: {
    Keys: { pk: photo.pk, sk: photo.sk },
    ...(old ? { OldImage: old } : {}),
    ...(next ? { NewImage: next } : {}),
  } as DynamoDBRecord['dynamodb'],
});

describe('index writes counted from stream records', () => {
  it('a counter change rewrites the copy of an index projecting it (gsi1, ALL) and not one leaving it out (gsi2)', () => {
    const change = record('MODIFY', photo, { ...photo, likeCount: N(1) });
    expect(indexWrites(change, gsi1, TABLE_KEYS)).toEqual(new Map([['{"S":"album-a"}', 1]]));
    expect(indexWrites(change, gsi2, TABLE_KEYS)).toEqual(new Map());
    // A projected attribute (the caption) rewrites both.
    const edit = record('MODIFY', photo, { ...photo, caption: S('y') });
    expect(indexWrites(edit, gsi2, TABLE_KEYS)).toEqual(new Map([['{"S":"owner-o"}', 1]]));
  });

  it('entering, leaving or moving within an index', () => {
    const pending = { ...photo, gsi3pk: S('pending'), gsi3sk: S('p1') };
    expect(indexWrites(record('INSERT', undefined, pending), gsi3, TABLE_KEYS)).toEqual(
      new Map([['{"S":"pending"}', 1]]),
    );
    expect(indexWrites(record('MODIFY', pending, photo), gsi3, TABLE_KEYS)).toEqual(
      new Map([['{"S":"pending"}', 1]]),
    );
    expect(indexWrites(record('REMOVE', photo, undefined), gsi1, TABLE_KEYS)).toEqual(
      new Map([['{"S":"album-a"}', 1]]),
    );
    const moved = record('MODIFY', photo, { ...photo, gsi1sk: S('p2') });
    expect(indexWrites(moved, gsi1, TABLE_KEYS)).toEqual(new Map([['{"S":"album-a"}', 2]]));
  });

  it('tallies items and partitions and finds the hottest', () => {
    const tally = tallyWrites(
      [
        record('MODIFY', photo, { ...photo, likeCount: N(1) }),
        record('MODIFY', { ...photo, likeCount: N(1) }, { ...photo, likeCount: N(2) }),
      ],
      indexes,
      TABLE_KEYS,
    );
    expect(hottest(tally.items)).toEqual(['$gallery#photoid_p1|$photo_1', 2]);
    expect(hottest(tally.partitions)).toEqual(['gsi1 {"S":"album-a"}', 2]);
    expect(hottest(tally.partitions, (name) => name.startsWith('gsi2'))).toEqual(['(none)', 0]);
  });
});
