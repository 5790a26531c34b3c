// Reads are sent as `.params()` through the DocumentClient instead of ElectroDB's go() (reads.ts):
// the request must be exactly the one go() sends. Both are captured before anything leaves the
// process (a middleware stops the send), so no DynamoDB is needed.
import './unit-env';
import { buildGetAlbum, buildListUserAlbums } from '../src/access/albums';
import { buildListAlbumPhotos, buildGetPhoto } from '../src/access/photos';
import { buildGetUserByHandle } from '../src/access/users';
import { docClient } from '../src/client';
import { getItem, queryPage } from '../src/reads';

const ALBUM = '01J9Z3K6Q0R4T8V2X6Z0B4D8F2';
const START = {
  pk: '$gallery#photoid_x',
  sk: '$photo_1',
  gsi1pk: '$gallery#albumid_y',
  gsi1sk: '$photo_1#photoid_x',
};

class Stop extends Error {}
const sent: unknown[] = [];
beforeAll(() => {
  docClient().middlewareStack.add(
    () => async (args: { input: unknown }) => {
      sent.push(structuredClone(args.input));
      throw new Stop();
    },
    { step: 'initialize', name: 'captureReadsTest', priority: 'high' },
  );
});

async function capture(send: () => Promise<unknown>): Promise<unknown> {
  sent.length = 0;
  await expect(send()).rejects.toBeDefined();
  expect(sent).toHaveLength(1);
  return sent[0];
}

describe('reads send what ElectroDB go() sends', () => {
  it('GetItem, eventually and strongly consistent', async () => {
    expect(await capture(() => getItem(buildGetAlbum(ALBUM)))).toEqual(
      await capture(() => buildGetAlbum(ALBUM).go({ data: 'raw' })),
    );
    expect(await capture(() => getItem(buildGetPhoto(ALBUM), { consistent: true }))).toEqual(
      await capture(() => buildGetPhoto(ALBUM).go({ data: 'raw', consistent: true })),
    );
  });

  it('one Query page from a start key, in either order', async () => {
    const page = { limit: 20, startKey: START };
    expect(await capture(() => queryPage(buildListAlbumPhotos(ALBUM), page, 'asc'))).toEqual(
      await capture(() =>
        buildListAlbumPhotos(ALBUM).go({
          limit: 20,
          pages: 1,
          data: 'raw',
          order: 'asc',
          cursor: START as never,
        }),
      ),
    );
    expect(await capture(() => queryPage(buildListUserAlbums('u-1'), page, 'desc'))).toEqual(
      await capture(() =>
        buildListUserAlbums('u-1').go({
          limit: 20,
          pages: 1,
          data: 'raw',
          order: 'desc',
          cursor: START as never,
        }),
      ),
    );
  });

  it('a first page has no start key', async () => {
    const request = await capture(() =>
      queryPage(buildGetUserByHandle('ann'), { limit: 1, startKey: undefined }),
    );
    expect(request).toEqual(
      await capture(() => buildGetUserByHandle('ann').go({ limit: 1, pages: 1, data: 'raw' })),
    );
    expect(request).not.toHaveProperty('ExclusiveStartKey');
  });
});
