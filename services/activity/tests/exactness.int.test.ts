// Likes and comments stay exact when the aggregator fails: transactions refused, applied but never
// acknowledged, stalled past the function's timeout; invocations crashing before or after their
// writes; Lambda retrying, resuming partial batches and bisecting. After every storm, each photo's
// likeCount and commentCount equal its Like and Comment items, and its owner's activity counts the
// others' likes and comments, naming only people who still like or comment.
import { createAlbum } from '@gallery/core/access/albums';
import { addPhoto, type Photo } from '@gallery/core/access/photos';
import { registerUser } from '@gallery/core/access/users';
import { randomUUID } from 'node:crypto';
import { apiWrites, countersOf, entriesOf, itemsOf, namedIn, useActivityRig, type Rig } from './support';

// A short function timeout, so that stalled DynamoDB responses make invocations time out.
const rig: Rig = useActivityRig('exact', (m) => ({ ...m, timeoutSeconds: 3 }));
const api = apiWrites(rig);

async function user(prefix: string): Promise<string> {
  const userId = `${prefix}-${randomUUID()}`;
  await registerUser({
    userId,
    email: `${userId}@example.com`,
    handle: `h_${userId.replace(/-/g, '').slice(0, 20)}`,
    displayName: prefix,
  });
  return userId;
}

async function photoOf(ownerId: string): Promise<Photo> {
  const album = await createAlbum({ ownerId, title: 'storm', visibility: 'public' });
  return addPhoto({ albumId: album.albumId, ownerId, contentType: 'image/jpeg', size: 1 });
}

/**
 * Storms until `bitten()` says the faults have hit, at most 10 storms in 2 minutes: how many
 * invocations (and DynamoDB requests) one storm takes depends on the machine, as a slow one fills
 * bigger batches, so a storm may pass unharmed. The next storm starts once the delivery has gone
 * idle with the faults still unseen.
 */
async function stormUntil(
  photos: Photo[],
  fans: string[],
  bitten: () => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (let round = 1; round <= 10 && Date.now() < deadline; round++) {
    await storm(photos, fans);
    while (!bitten() && Date.now() < deadline) {
      const idle = await rig.delivery.settled({ timeoutMs: 250 }).then(
        () => true,
        () => false,
      );
      if (idle) break;
    }
    if (bitten()) return;
  }
  throw new Error(`no ${what} after 10 storms or 2 minutes`);
}

/** Every photo's counters equal its items; the owner's activity adds up to the others' items. */
async function expectExact(photos: Photo[]): Promise<void> {
  for (const photo of photos) {
    const { likers, commenters } = await itemsOf(rig, photo.photoId);
    expect(await countersOf(rig, photo.photoId)).toEqual({
      likeCount: likers.length,
      commentCount: commenters.length,
    });
    const entries = (await entriesOf(rig, photo.ownerId)).filter((e) => e.photoId === photo.photoId);
    const byOthers = (ids: string[]) => ids.filter((id) => id !== photo.ownerId);
    expect(entries.reduce((sum, e) => sum + e.likeCount, 0)).toBe(byOthers(likers).length);
    expect(entries.reduce((sum, e) => sum + e.commentCount, 0)).toBe(byOthers(commenters).length);
    for (const entry of entries) {
      for (const named of namedIn(entry, 'liker')) expect(likers).toContain(named);
      expect(namedIn(entry, 'liker')).not.toContain(photo.ownerId);
    }
  }
}

/**
 * A storm on `photos[0]` (and a little on the others) from `fans`: likes, unlikes, re-likes,
 * comments, deleted comments, the owner liking their own photo, all at once.
 */
async function storm(photos: Photo[], fans: string[]): Promise<void> {
  const [hot, ...others] = photos as [Photo, ...Photo[]];
  await Promise.all(
    fans.map(async (fan, i) => {
      await api.like(hot.photoId, fan, hot.ownerId);
      if (i % 3 === 0) await api.unlike(hot.photoId, fan);
      if (i % 6 === 0) await api.like(hot.photoId, fan, hot.ownerId);
      const commentId = await api.comment(hot.photoId, fan, hot.ownerId);
      if (i % 4 === 0) await api.deleteComment(hot.photoId, commentId, fan);
      const other = others[i % others.length];
      if (other) await api.like(other.photoId, fan, other.ownerId);
    }),
  );
  await api.like(hot.photoId, hot.ownerId, hot.ownerId);
}

describe('counters and activity from the stream, under faults', () => {
  it('a clean storm on one photo: counts equal the items', async () => {
    const owner = await user('owner');
    const photos = [await photoOf(owner), await photoOf(owner)];
    const fans = await Promise.all(Array.from({ length: 60 }, () => user('fan')));
    await storm(photos, fans);
    await rig.delivery.settled({ timeoutMs: 60_000 });
    await expectExact(photos);
    expect(rig.delivery.discarded).toEqual([]);
  });

  it('transactions refused or applied-but-unacknowledged, invocations crashing before and after their writes', async () => {
    const owner = await user('owner');
    const photos = [await photoOf(owner), await photoOf(await user('other')), await photoOf(owner)];
    const fans = await Promise.all(Array.from({ length: 40 }, () => user('fan')));
    const before = { ...rig.delivery.stats()['gallery-activity-dev-applyReactions'] };
    const duplicatesBefore = rig.summaries.reduce((sum, s) => sum + (s.duplicates ?? 0), 0);
    rig.proxy.set({ refuse: 0.1, cutResponse: 0.15 });
    rig.faults.plan = (call) => (call % 5 === 0 ? 'crash-after' : call % 7 === 0 ? 'crash-before' : 'none');
    // Let the faults bite (however slow the machine), then heal and let the stream catch up.
    await stormUntil(
      photos,
      fans,
      () => rig.proxy.injected.cut > 0 && rig.faults.injected > 1,
      'cut response and crashed invocation',
    );
    rig.proxy.set({ refuse: 0, cutResponse: 0 });
    rig.faults.plan = () => 'none';
    await rig.delivery.settled({ timeoutMs: 90_000 });

    await expectExact(photos);
    expect(rig.delivery.discarded).toEqual([]);
    // The faults happened, and redelivered records were recognised (receipts), not counted again.
    const after = rig.delivery.stats()['gallery-activity-dev-applyReactions']!;
    expect(rig.proxy.injected.cut).toBeGreaterThan(0);
    expect(rig.faults.injected).toBeGreaterThan(0);
    expect(after.functionErrors - (before.functionErrors ?? 0)).toBeGreaterThan(0);
    expect(after.bisections - (before.bisections ?? 0)).toBeGreaterThan(0);
    expect(rig.summaries.reduce((sum, s) => sum + (s.duplicates ?? 0), 0)).toBeGreaterThan(duplicatesBefore);
  }, 180_000);

  it('an invocation that times out after its writes landed is retried without counting twice', async () => {
    const owner = await user('owner');
    const photos = [await photoOf(owner)];
    const fans = await Promise.all(Array.from({ length: 20 }, () => user('fan')));
    const timeoutsBefore = rig.delivery.stats()['gallery-activity-dev-applyReactions']?.functionErrors ?? 0;
    const stalledBefore = rig.proxy.injected.stalled;
    // DynamoDB applies the writes, the answers never come: the function runs into its 3 s timeout.
    rig.proxy.set({ refuse: 0, cutResponse: 0, stall: 0.3 });
    await stormUntil(
      photos,
      fans,
      () =>
        rig.proxy.injected.stalled > stalledBefore &&
        (rig.delivery.stats()['gallery-activity-dev-applyReactions']?.functionErrors ?? 0) > timeoutsBefore,
      'stalled response and timed-out invocation',
    );
    rig.proxy.set({ refuse: 0, cutResponse: 0 });
    await rig.delivery.settled({ timeoutMs: 90_000 });

    await expectExact(photos);
    expect(rig.proxy.injected.stalled).toBeGreaterThan(0);
    expect(rig.delivery.stats()['gallery-activity-dev-applyReactions']!.functionErrors).toBeGreaterThan(
      timeoutsBefore,
    );
    expect(rig.delivery.discarded).toEqual([]);
  }, 180_000);
});
