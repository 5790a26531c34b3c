// Counters stay exact under concurrent requests: conditions make every
// increment pair with exactly one item, and conflicts are retried, not lost.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { createAlbum, getAlbum } from '../src/access/albums';
import { likePhoto, unlikePhoto } from '../src/access/likes';
import { addPhoto, deletePhoto, listAlbumPhotos } from '../src/access/photos';
import { getUserByHandle, registerUser } from '../src/access/users';
import { dynamoDbClient } from '../src/client';
import { entities } from '../src/entities/service';
import { AlreadyExistsError } from '../src/errors';
import { keys, tableDefinition, tableName } from '../src/table/definition';
import { uniqueHandle, uniqueUserId, useOwnTable } from './int-env';

useOwnTable('concurrency');

async function setup() {
  const owner = await registerUser({
    userId: uniqueUserId(),
    email: 'o@example.com',
    handle: uniqueHandle(),
    displayName: 'O',
  });
  const album = await createAlbum({ ownerId: owner.userId, title: 'C', visibility: 'public' });
  const photo = await addPhoto({
    albumId: album.albumId,
    ownerId: owner.userId,
    contentType: 'image/jpeg',
    size: 1,
  });
  return { owner, album, photo };
}

/** Like items of a photo, counted with one Query per page (test-only check, not product code). */
async function likeItems(photoId: string): Promise<number> {
  const { data } = await entities().likes.query.byPhoto({ photoId }).go({ pages: 'all' });
  return data.length;
}

describe('concurrency', () => {
  // The counts these likes make are the stream consumer's (services/activity/tests: storms there);
  // here, the items the requests write.
  it('100 concurrent likes from 100 users → 100 Like items, every request a change', async () => {
    const { photo } = await setup();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        likePhoto({ photoId: photo.photoId, userId: `fan-${i}`, photoOwnerId: photo.ownerId }),
      ),
    );
    expect(results.every((r) => r.changed)).toBe(true);
    expect(await likeItems(photo.photoId)).toBe(100);
  });

  it('20 concurrent likes from the same user → one Like item, one change', async () => {
    const { photo } = await setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        likePhoto({ photoId: photo.photoId, userId: 'same-fan', photoOwnerId: photo.ownerId }),
      ),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await likeItems(photo.photoId)).toBe(1);
  });

  it('a like/unlike storm: the changes reported add up to the Like items left', async () => {
    const { photo } = await setup();
    const users = Array.from({ length: 10 }, (_, i) => `storm-${i}`);
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) => {
        const input = { photoId: photo.photoId, userId: users[i % users.length]! };
        return (i * 7) % 3 === 0 ? unlikePhoto(input) : likePhoto({ ...input, photoOwnerId: photo.ownerId });
      }),
    );
    const net = results.reduce((sum, r) => sum + (r.changed ? (r.liked ? 1 : -1) : 0), 0);
    expect(await likeItems(photo.photoId)).toBe(net);
    expect(net).toBeLessThanOrEqual(users.length);
  });

  it('concurrent photo adds and deletes keep photoCount = number of photos', async () => {
    const { owner, album } = await setup();
    const seeded = await Promise.all(
      Array.from({ length: 20 }, () =>
        addPhoto({ albumId: album.albumId, ownerId: owner.userId, contentType: 'image/png', size: 1 }),
      ),
    );
    await Promise.all([
      ...Array.from({ length: 30 }, () =>
        addPhoto({ albumId: album.albumId, ownerId: owner.userId, contentType: 'image/png', size: 1 }),
      ),
      // Each seeded photo deleted twice at once: exactly one delete may decrement.
      ...seeded.flatMap((p) =>
        [0, 1].map(() =>
          deletePhoto({ photoId: p.photoId, albumId: album.albumId, ownerId: owner.userId }).then(
            () => 'deleted',
            (err: Error) => err.name,
          ),
        ),
      ),
    ]);
    const photos = await listAlbumPhotos(album.albumId, { limit: 100 });
    expect(photos.items).toHaveLength(1 + 30);
    expect((await getAlbum(album.albumId)).photoCount).toBe(1 + 30);
  });

  it('10 racing registrations for one handle: exactly one wins', async () => {
    const handle = uniqueHandle();
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        registerUser({
          userId: uniqueUserId(`racer${i}`),
          email: `r${i}@example.com`,
          handle,
          displayName: `R${i}`,
        }),
      ),
    );
    const winners = settled.filter((s) => s.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const s of settled) {
      if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(AlreadyExistsError);
    }
    const owner = await getUserByHandle(handle);
    expect(owner.userId).toBe((winners[0] as PromiseFulfilledResult<{ userId: string }>).value.userId);
  });
});

describe('harness table = table.json = ElectroDB indexes', () => {
  it('the live table has exactly the declared keys and indexes', async () => {
    const { Table } = await dynamoDbClient().send(new DescribeTableCommand({ TableName: tableName() }));
    expect(Table?.KeySchema).toEqual(tableDefinition.KeySchema);
    expect(
      [...(Table?.AttributeDefinitions ?? [])].sort((a, b) =>
        a.AttributeName!.localeCompare(b.AttributeName!),
      ),
    ).toEqual(
      [...tableDefinition.AttributeDefinitions].sort((a, b) =>
        a.AttributeName.localeCompare(b.AttributeName),
      ),
    );
    const live = (Table?.GlobalSecondaryIndexes ?? [])
      .map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection }))
      .sort((a, b) => a.IndexName!.localeCompare(b.IndexName!));
    expect(live).toEqual(tableDefinition.GlobalSecondaryIndexes);
    for (const name of ['gsi1', 'gsi2', 'gsi3'] as const) {
      const gsi = live.find((g) => g.IndexName === name);
      expect(gsi?.KeySchema?.map((k) => k.AttributeName)).toEqual([keys[name].pk, keys[name].sk]);
    }
    expect(Table?.StreamSpecification?.StreamViewType).toBe(tableDefinition.StreamViewType);
  });
});
