// Request shapes of the access patterns account erasure and data export use, built without a
// network: the account block, the erasure and export records and the user's data pages.
import './unit-env';
import {
  ACCOUNT_BLOCK_PREFIX,
  accountSubject,
  buildBlockAccount,
  buildIsAccountBlocked,
} from '../src/access/account-blocks';
import {
  buildCompleteErasure,
  buildRecordErasureProgress,
  buildRequestErasure,
  buildResumeErasure,
  buildWithdrawErasure,
  newErasureId,
} from '../src/access/erasures';
import { buildCompleteExport, buildCreateExport, buildGetExport } from '../src/access/exports';
import {
  buildListActivityKeys,
  buildListAuthoredComments,
  buildListGivenLikes,
  buildListOwnPhotoIds,
  buildListPhotoItemKeys,
  buildListShareLinkKeys,
} from '../src/access/user-data';
import { exportKey, userPrefixes } from '../src/media-keys';

const USER = '0b5e1f2a-6d2c-4f53-9d8e-0c1c2a3b4c5d';
const PHOTO = '01J9Z3K6Q0R4T8V2X6Z0B4D8F2';
const ALBUM = '01J9Z3K6Q0R4T8V2X6Z0B4D8F4';

describe('account blocks', () => {
  it('keys the marker by a one-way hash of the user id, never the id itself', () => {
    const put = buildBlockAccount(USER, new Date('2026-01-01T00:00:00Z'));
    expect(put.Item?.pk).toBe(`${ACCOUNT_BLOCK_PREFIX}${accountSubject(USER)}`);
    expect(JSON.stringify(put)).not.toContain(USER);
    expect(put.Item?.ttl).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z') / 1000);
    expect(put.ConditionExpression).toBeUndefined();
  });

  it('reads the marker strongly consistent, keys only', () => {
    const get = buildIsAccountBlocked(USER);
    expect(get).toMatchObject({ ConsistentRead: true, ProjectionExpression: '#pk' });
  });
});

describe('erasure records', () => {
  const erasureId = newErasureId();

  it('blocks the account and opens the record in one transaction', () => {
    const tx = buildRequestErasure({ erasureId, userId: USER, username: USER });
    expect(tx.TransactItems).toHaveLength(2);
    expect(tx.TransactItems?.[0]?.Put?.Item?.pk).toMatch(/^\$account-block#[0-9a-f]{64}$/);
    const record = tx.TransactItems?.[1]?.Put;
    expect(record?.Item).toMatchObject({ pk: `$erasure#${erasureId}`, status: 'running', step: 'requested' });
    expect(record?.ConditionExpression).toBe('attribute_not_exists(#pk)');
  });

  it('refuses an id that is not 32 random bytes', () => {
    expect(() => buildRequestErasure({ erasureId: 'short', userId: USER, username: USER })).toThrow(
      'Invalid input',
    );
  });

  it('withdraws the block and the record together', () => {
    const tx = buildWithdrawErasure(erasureId, USER);
    expect(tx.TransactItems?.map((item) => Object.keys(item)[0])).toEqual(['Delete', 'Delete']);
  });

  it('writes counters as absolute values, so a step run twice does not count twice', () => {
    const update = buildRecordErasureProgress(erasureId, 'photos', { photos: 120, photosTotal: 300 });
    expect(update.UpdateExpression).toBe(
      'SET #step = :step, #updatedAt = :at, #progress.#photos = :photos, #progress.#photosTotal = :photosTotal',
    );
    expect(update.UpdateExpression).not.toContain('ADD');
    expect(() => buildRecordErasureProgress(erasureId, 'photos', { nope: 1 } as never)).toThrow(RangeError);
  });

  it('resumes only an erasure that has not completed', () => {
    expect(buildResumeErasure(erasureId).ConditionExpression).toBe(
      'attribute_exists(#pk) AND #status <> :completed',
    );
  });

  it('completes by forgetting the user id and shortening the block to a token lifetime', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const tx = buildCompleteErasure(erasureId, USER, at);
    const [record, block] = tx.TransactItems ?? [];
    expect(record?.Update?.UpdateExpression).toContain('REMOVE #userId, #username');
    expect(block?.Update?.ExpressionAttributeValues?.[':ttl']).toBe(at.getTime() / 1000 + 24 * 3600);
  });
});

describe('export records', () => {
  it('live in the owner’s own partition', () => {
    const put = buildCreateExport(USER, PHOTO);
    expect(put.Item).toMatchObject({ pk: `$export#${USER}`, sk: PHOTO, status: 'running' });
    expect(buildGetExport(USER, PHOTO).Key).toEqual({ pk: `$export#${USER}`, sk: PHOTO });
  });

  it('expire with their archive', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const update = buildCompleteExport(
      USER,
      PHOTO,
      {
        objectKey: exportKey(USER, PHOTO),
        bytes: 10,
        counts: { albums: 1, photos: 1, originals: 1, comments: 0, likes: 0 },
      },
      at,
    );
    expect(update.ExpressionAttributeValues?.[':expiresAt']).toBe('2026-01-08T00:00:00.000Z');
    expect(update.ExpressionAttributeValues?.[':ttl']).toBe(Date.parse('2026-01-08T00:00:00Z') / 1000);
  });
});

describe('a user’s data, page by page', () => {
  it('walks each pattern on its index, never the table', () => {
    expect(buildListOwnPhotoIds(USER)).toMatchObject({ IndexName: 'gsi2', ProjectionExpression: '#p0' });
    expect(buildListAuthoredComments(USER)).toMatchObject({ IndexName: 'gsi1' });
    expect(buildListAuthoredComments(USER).ExpressionAttributeValues?.[':pk']).toBe(
      `$gallery#authorid_${USER}`,
    );
    expect(buildListGivenLikes(USER)).toMatchObject({ IndexName: 'gsi1' });
    expect(buildListShareLinkKeys(USER, ALBUM)).toMatchObject({ IndexName: 'gsi1' });
    // The user's activity entries live in their own partition of the table, keys only.
    const activity = buildListActivityKeys(USER);
    expect(activity.IndexName).toBeUndefined();
    expect(activity.ExpressionAttributeValues?.[':pk']).toBe(`$gallery#ownerid_${USER}`);
    expect(activity.ProjectionExpression).toBe('#p0, #p1');
  });

  it('reads a photo’s partition keys only, strongly consistent, from a start key', () => {
    const start = { pk: 'x', sk: 'y' };
    expect(buildListPhotoItemKeys(PHOTO, start, 10)).toMatchObject({
      ProjectionExpression: '#pk, #sk',
      ConsistentRead: true,
      Limit: 10,
      ExclusiveStartKey: start,
    });
  });

  it('names every prefix of the user in the bucket', () => {
    expect(userPrefixes(USER)).toEqual([`uploads/${USER}/`, `thumbnails/${USER}/`, `exports/${USER}/`]);
    expect(() => userPrefixes('../x')).toThrow(RangeError);
  });
});
