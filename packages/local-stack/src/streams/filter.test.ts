import {
  InvalidFilterPatternError,
  matchesFilters,
  validateFilterPattern,
  type FilterPattern,
} from './filter';

const record = {
  eventName: 'INSERT',
  dynamodb: {
    Keys: { pk: { S: '$gallery#photoid_01H' }, sk: { S: '$like_1#userid_u1' } },
    NewImage: {
      pk: { S: '$gallery#photoid_01H' },
      sk: { S: '$like_1#userid_u1' },
      status: { S: 'ready' },
      count: { N: '3' },
      tags: { SS: ['a', 'b'] },
      flag: { BOOL: true },
      nothing: { NULL: true },
    },
    SizeBytes: 120,
    ApproximateCreationDateTime: 1_700_000_000,
  },
};

const matches = (...patterns: FilterPattern[]) => matchesFilters(record, patterns);

describe('stream filter patterns', () => {
  it('passes everything without patterns, and ORs several', () => {
    expect(matches()).toBe(true);
    expect(matches({ eventName: ['REMOVE'] }, { eventName: ['INSERT'] })).toBe(true);
    expect(matches({ eventName: ['REMOVE'] }, { eventName: ['MODIFY'] })).toBe(false);
  });

  it('ANDs the keys of one pattern and ORs the values of a leaf', () => {
    expect(
      matches({ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { status: { S: ['ready'] } } } }),
    ).toBe(true);
    expect(matches({ eventName: ['INSERT'], dynamodb: { NewImage: { status: { S: ['failed'] } } } })).toBe(
      false,
    );
  });

  it('matches exact strings, booleans and nulls only on equal leaves', () => {
    expect(matches({ dynamodb: { NewImage: { flag: { BOOL: [true] } } } })).toBe(true);
    expect(matches({ dynamodb: { NewImage: { flag: { BOOL: [false] } } } })).toBe(false);
    expect(matches({ dynamodb: { NewImage: { nothing: { NULL: [true] } } } })).toBe(true);
    // A typed DynamoDB value is an object: matching it as a string fails, as on Lambda.
    expect(matches({ dynamodb: { NewImage: { status: ['ready'] } } })).toBe(false);
  });

  it('prefix, suffix and equals-ignore-case on strings', () => {
    expect(matches({ dynamodb: { Keys: { sk: { S: [{ prefix: '$like_1#' }] } } } })).toBe(true);
    expect(matches({ dynamodb: { Keys: { sk: { S: [{ prefix: '$comment_1#' }] } } } })).toBe(false);
    expect(matches({ dynamodb: { Keys: { sk: { S: [{ suffix: '_u1' }] } } } })).toBe(true);
    expect(matches({ dynamodb: { NewImage: { status: { S: [{ 'equals-ignore-case': 'READY' }] } } } })).toBe(
      true,
    );
  });

  it('anything-but: a value, a list, a prefix; never a missing field', () => {
    expect(matches({ eventName: [{ 'anything-but': 'REMOVE' }] })).toBe(true);
    expect(matches({ eventName: [{ 'anything-but': ['INSERT', 'REMOVE'] }] })).toBe(false);
    expect(matches({ dynamodb: { Keys: { sk: { S: [{ 'anything-but': { prefix: '$photo' } }] } } } })).toBe(
      true,
    );
    expect(matches({ dynamodb: { Keys: { sk: { S: [{ 'anything-but': { prefix: '$like' } }] } } } })).toBe(
      false,
    );
    expect(matches({ dynamodb: { OldImage: { status: { S: [{ 'anything-but': 'ready' }] } } } })).toBe(false);
  });

  it('exists on leaves: present, absent; a present object is neither', () => {
    expect(matches({ dynamodb: { NewImage: { status: { S: [{ exists: true }] } } } })).toBe(true);
    expect(matches({ dynamodb: { NewImage: { caption: { S: [{ exists: true }] } } } })).toBe(false);
    expect(matches({ dynamodb: { NewImage: { caption: { S: [{ exists: false }] } } } })).toBe(true);
    expect(matches({ dynamodb: { OldImage: { status: { S: [{ exists: false }] } } } })).toBe(true);
    expect(matches({ dynamodb: { NewImage: { status: [{ exists: true }] } } })).toBe(false);
  });

  it('numeric compares JSON numbers only (DynamoDB N values are strings)', () => {
    expect(matches({ dynamodb: { SizeBytes: [{ numeric: ['>', 100, '<=', 120] }] } })).toBe(true);
    expect(matches({ dynamodb: { SizeBytes: [{ numeric: ['<', 100] }] } })).toBe(false);
    expect(matches({ dynamodb: { SizeBytes: [{ numeric: ['=', 120] }] } })).toBe(true);
    expect(matches({ dynamodb: { NewImage: { count: { N: [{ numeric: ['>', 0] }] } } } })).toBe(false);
  });

  it('matches a list in the record when any element matches', () => {
    expect(matches({ dynamodb: { NewImage: { tags: { SS: ['b'] } } } })).toBe(true);
    expect(matches({ dynamodb: { NewImage: { tags: { SS: ['c'] } } } })).toBe(false);
  });

  it('$or takes alternative sub-patterns at one level', () => {
    const pattern = {
      dynamodb: {
        $or: [{ Keys: { sk: { S: [{ prefix: '$comment' }] } } }, { NewImage: { status: { S: ['ready'] } } }],
      },
    };
    expect(matches(pattern)).toBe(true);
  });

  it('refuses patterns Lambda refuses', () => {
    const invalid: unknown[] = [
      { eventName: 'INSERT' },
      { eventName: [] },
      { eventName: [{ wildcard: 'IN*' }] },
      { eventName: [{ prefix: 1 }] },
      { dynamodb: { SizeBytes: [{ numeric: ['>'] }] } },
      { dynamodb: { SizeBytes: [{ numeric: ['~', 1] }] } },
      { eventName: [{ 'anything-but': { wildcard: 'x' } }] },
      { $or: [{ eventName: ['INSERT'] }] },
      ['INSERT'],
    ];
    for (const pattern of invalid) {
      expect(() => validateFilterPattern(pattern)).toThrow(InvalidFilterPatternError);
    }
    expect(() =>
      validateFilterPattern({
        eventName: ['INSERT', { 'anything-but': ['A', 'B'] }],
        dynamodb: { SizeBytes: [{ numeric: ['>=', 0] }] },
      }),
    ).not.toThrow();
  });
});
