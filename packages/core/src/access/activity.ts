// A user's activity feed: what others did to their photos, one entry per photo and day (written
// by the activity service from the table's stream: reactions.ts). Read with one Query; cleaned up
// by the stream when a photo goes.
import * as z from '../zod';
import { entities } from '../entities/service';
import type { Activity } from '../entities/types';
import { toPage } from '../format';
import { resolvePage, type Page, type PageRequest } from '../pagination';
import { queryPage } from '../reads';
import { guarded } from '../transactions';
import { parseInput, ulidSchema, userIdSchema } from '../validation';
import { ACTIVITY_RETENTION_DAYS, activityDay } from './reactions';

export type { Activity };

export function buildListActivity(ownerId: string, now: Date) {
  // TTL deletion is lazy (up to days late): expired entries are filtered out, and so are entries
  // whose likes and comments were all taken back.
  return entities()
    .activity.query.byOwner({ ownerId })
    .where(
      (attr, { gt }) =>
        `${gt(attr.ttl, Math.floor(now.getTime() / 1000))} AND (${gt(attr.likeCount, 0)} OR ${gt(attr.commentCount, 0)})`,
    );
}

/**
 * a user's activity, newest day first: one Query page of their activity partition. A page can hold
 * fewer than `limit` entries (filtered ones still count against the Query's limit) and still have
 * a cursor.
 */
export async function listActivity(
  ownerId: string,
  page?: PageRequest,
  now = new Date(),
): Promise<Page<Activity>> {
  const id = parseInput(userIdSchema, ownerId);
  const list = { pattern: 'listActivity', partition: id };
  const response = await queryPage(buildListActivity(id, now), resolvePage(list, page), 'desc');
  return toPage('activity', list, response);
}

export const forgetPhotoActivityInput = z.object({
  ownerId: userIdSchema,
  photoId: ulidSchema,
  /** When the photo was created (its first possible activity day). */
  createdAt: z.iso.datetime(),
  /** When it was deleted. */
  deletedAt: z.iso.datetime(),
});
export type ForgetPhotoActivityInput = z.input<typeof forgetPhotoActivityInput>;

/** Every day a deleted photo can still have a live activity entry for: creation (or 90 days back) to deletion. */
export function activityDays(createdAt: string, deletedAt: string): string[] {
  const last = Date.parse(`${activityDay(deletedAt)}T00:00:00.000Z`);
  const first = Math.max(
    Date.parse(`${activityDay(createdAt)}T00:00:00.000Z`),
    last - ACTIVITY_RETENTION_DAYS * 86_400_000,
  );
  const days: string[] = [];
  for (let t = first; t <= last; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

export function buildForgetPhotoActivity(input: z.output<typeof forgetPhotoActivityInput>) {
  return entities().activity.delete(
    activityDays(input.createdAt, input.deletedAt).map((day) => ({
      ownerId: input.ownerId,
      photoId: input.photoId,
      day,
    })),
  );
}

/**
 * forget a deleted photo's activity: BatchWriteItem deletes of its entry for every day it can have
 * one (at most 91 keys, 25 a request; deleting an absent entry is a no-op, so this is idempotent).
 * Keys DynamoDB leaves unprocessed are returned for the caller to retry.
 */
export async function forgetPhotoActivity(raw: ForgetPhotoActivityInput): Promise<{ unprocessed: number }> {
  const input = parseInput(forgetPhotoActivityInput, raw);
  const result = await guarded(() => buildForgetPhotoActivity(input).go());
  return { unprocessed: result.unprocessed.length };
}
