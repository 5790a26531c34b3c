import { Entity } from 'electrodb';
import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { SERVICE } from './common';

/** How many likers (and commenters) an activity entry names; the rest are counted. */
export const NAMED_ACTORS = 3;

/**
 * One named actor of an activity entry, or an empty map for a vacant slot (an actor who took the
 * like or comment back). Slots are top-level attributes so that a stream batch can set or vacate
 * one without reading the entry.
 */
const actorSlot = {
  type: 'map',
  properties: { userId: { type: 'string' }, handle: { type: 'string' } },
} as const;

/**
 * What happened to one of a user's photos on one (UTC) day: likes and comments by others, counted,
 * with up to NAMED_ACTORS of each named. Written only by the activity service's stream function,
 * at most once per photo and day per stream batch; expires (TTL) 90 days after its day.
 */
export function createActivityEntity() {
  return new Entity(
    {
      model: { entity: 'activity', version: '1', service: SERVICE },
      attributes: {
        ownerId: { type: 'string', required: true, readOnly: true },
        photoId: { type: 'string', required: true, readOnly: true },
        /** UTC day of the likes and comments it counts, `YYYY-MM-DD`. */
        day: { type: 'string', required: true, readOnly: true },
        likeCount: { type: 'number', required: true, default: 0 },
        commentCount: { type: 'number', required: true, default: 0 },
        liker0: actorSlot,
        liker1: actorSlot,
        liker2: actorSlot,
        commenter0: actorSlot,
        commenter1: actorSlot,
        commenter2: actorSlot,
        /** The newest like or comment it counts. */
        lastActivityAt: { type: 'string' },
        // Epoch seconds; the table's TTL attribute (table.json TimeToLiveAttribute).
        ttl: { type: 'number', required: true },
      },
      indexes: {
        // A user's activity, newest day first (reverse query); one partition per user.
        byOwner: {
          pk: { field: keys.table.pk, composite: ['ownerId'] },
          sk: { field: keys.table.sk, composite: ['day', 'photoId'] },
        },
      },
    },
    { table: tableName(), client: docClient() },
  );
}
