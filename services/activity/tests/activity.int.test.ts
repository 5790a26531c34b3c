// The activity feed, end to end through the stream: likes and comments by others appear in the
// owner's feed, aggregated per photo and day; self-actions, taken-back likes, deleted comments and
// deleted photos leave nothing visible; pages follow a signed cursor; old entries expire.
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { listActivity } from '@gallery/core/access/activity';
import { createAlbum } from '@gallery/core/access/albums';
import { buildLikePhoto } from '@gallery/core/access/likes';
import { addPhoto, deletePhoto, type Photo } from '@gallery/core/access/photos';
import { registerUser } from '@gallery/core/access/users';
import { InvalidCursorError } from '@gallery/core/errors';
import { apiWrites, entriesOf, namedIn, useActivityRig, type Rig } from './support';

const rig: Rig = useActivityRig('feed');
const api = apiWrites(rig);

interface Person {
  userId: string;
  handle: string;
}

async function person(prefix: string): Promise<Person> {
  const userId = `${prefix}-${randomUUID()}`;
  const handle = `h_${userId.replace(/-/g, '').slice(0, 20)}`;
  await registerUser({ userId, email: `${userId}@example.com`, handle, displayName: prefix });
  return { userId, handle };
}

async function photoOf(owner: Person): Promise<Photo> {
  const album = await createAlbum({ ownerId: owner.userId, title: 'feed', visibility: 'public' });
  return addPhoto({ albumId: album.albumId, ownerId: owner.userId, contentType: 'image/jpeg', size: 1 });
}

const settled = () => rig.delivery.settled({ timeoutMs: 60_000 });

/** A like as the API writes it, but made at `at` (a backfill, or a record redelivered late). */
async function likeMadeAt(photo: Photo, fan: Person, at: Date): Promise<void> {
  const params = buildLikePhoto(
    { photoId: photo.photoId, userId: fan.userId, photoOwnerId: photo.ownerId },
    at,
  ).params();
  await rig.direct.send(new PutCommand(params as never));
}

const today = () => new Date().toISOString().slice(0, 10);

describe('activity feed', () => {
  it("shows others' likes and comments to the owner, with names, and nothing for the owner's own", async () => {
    const owner = await person('owner');
    const fan = await person('fan');
    const photo = await photoOf(owner);
    await api.like(photo.photoId, owner.userId, owner.userId);
    await api.comment(photo.photoId, owner.userId, owner.userId);
    await settled();
    expect((await listActivity(owner.userId)).items).toEqual([]);

    await api.like(photo.photoId, fan.userId, owner.userId);
    await api.comment(photo.photoId, fan.userId, owner.userId);
    await settled();
    const { items, cursor } = await listActivity(owner.userId);
    expect(cursor).toBeNull();
    expect(items).toHaveLength(1);
    const [entry] = items;
    expect(entry).toMatchObject({
      ownerId: owner.userId,
      photoId: photo.photoId,
      day: today(),
      likeCount: 1,
      commentCount: 1,
    });
    expect(namedIn(entry!, 'liker')).toEqual([fan.userId]);
    expect(namedIn(entry!, 'commenter')).toEqual([fan.userId]);
    const slots = Object.values(entry!).filter((v) => typeof v === 'object' && v !== null && 'handle' in v);
    expect(slots).toEqual([
      { userId: fan.userId, handle: fan.handle },
      { userId: fan.userId, handle: fan.handle },
    ]);
    // The fan's own feed has nothing: the activity is the owner's.
    expect((await listActivity(fan.userId)).items).toEqual([]);
  });

  it('aggregates a burst into one entry per photo and day, naming a few and counting all', async () => {
    const owner = await person('owner');
    const photo = await photoOf(owner);
    const fans = await Promise.all(Array.from({ length: 30 }, () => person('fan')));
    await Promise.all(fans.map((fan) => api.like(photo.photoId, fan.userId, owner.userId)));
    await settled();
    const stored = await entriesOf(rig, owner.userId);
    expect(stored).toHaveLength(1);
    const [entry] = (await listActivity(owner.userId)).items;
    expect(entry?.likeCount).toBe(30);
    const named = namedIn(entry!, 'liker');
    expect(named.length).toBeGreaterThan(0);
    expect(named.length).toBeLessThanOrEqual(3);
    for (const id of named) expect(fans.map((f) => f.userId)).toContain(id);
  });

  it('leaves nothing visible for a like taken back, a deleted comment, or a deleted photo', async () => {
    const owner = await person('owner');
    const [stays, leaves] = [await person('stays'), await person('leaves')];
    const photo = await photoOf(owner);
    await api.like(photo.photoId, leaves.userId, owner.userId);
    const commentId = await api.comment(photo.photoId, leaves.userId, owner.userId);
    await settled();
    expect((await listActivity(owner.userId)).items).toHaveLength(1);

    await api.unlike(photo.photoId, leaves.userId);
    await api.deleteComment(photo.photoId, commentId, leaves.userId);
    await settled();
    expect((await listActivity(owner.userId)).items).toEqual([]);

    // With another liker left, the entry stays, without the name of the one who left.
    await api.like(photo.photoId, stays.userId, owner.userId);
    await api.like(photo.photoId, leaves.userId, owner.userId);
    await settled();
    await api.unlike(photo.photoId, leaves.userId);
    await settled();
    const [entry] = (await listActivity(owner.userId)).items;
    expect(entry?.likeCount).toBe(1);
    expect(namedIn(entry!, 'liker')).not.toContain(leaves.userId);

    await deletePhoto({ photoId: photo.photoId, albumId: photo.albumId, ownerId: owner.userId });
    await settled();
    expect((await listActivity(owner.userId)).items).toEqual([]);
    expect(await entriesOf(rig, owner.userId)).toEqual([]);
  });

  it('pages newest day first with a signed cursor bound to the owner', async () => {
    const owner = await person('owner');
    const fan = await person('fan');
    const photos = await Promise.all(Array.from({ length: 5 }, () => photoOf(owner)));
    for (const photo of photos) await api.like(photo.photoId, fan.userId, owner.userId);
    // One older day too: the like is dated two days back, as its item says.
    const old = await photoOf(owner);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await likeMadeAt(old, fan, twoDaysAgo);
    await settled();
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const page = await listActivity(owner.userId, { limit: 2, cursor });
      seen.push(...page.items.map((e) => `${e.day}/${e.photoId}`));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen.at(-1)).toBe(`${twoDaysAgo.toISOString().slice(0, 10)}/${old.photoId}`);
    const first = await listActivity(owner.userId, { limit: 2 });
    await expect(listActivity(fan.userId, { limit: 2, cursor: first.cursor })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('expires entries 90 days after their day, hiding them before TTL deletes them', async () => {
    const owner = await person('owner');
    const fan = await person('fan');
    const photo = await photoOf(owner);
    // A like from 100 days ago arrives now (a late redelivery, or a backfill): its day's entry is
    // already past its TTL.
    const longAgo = new Date(Date.now() - 100 * 86_400_000);
    await likeMadeAt(photo, fan, longAgo);
    await settled();
    const [stored] = await entriesOf(rig, owner.userId);
    expect(stored).toMatchObject({ likeCount: 1, day: longAgo.toISOString().slice(0, 10) });
    expect(stored!.ttl).toBeLessThan(Date.now() / 1000);
    expect((await listActivity(owner.userId)).items).toEqual([]);
  });
});
