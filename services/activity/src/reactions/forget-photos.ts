// A deleted photo's activity entries go with it. The photo's old image names its owner and its
// creation time, which bound the days it can have entries for. Reactions still in flight for it
// cannot add entries afterwards: their transaction requires the photo to exist.
import type { DynamoDBRecord } from 'aws-lambda';
import { forgetPhotoActivity } from '@gallery/core/access/activity';
import { deletedPhotoOf } from '@gallery/core/access/reactions';

export class UnprocessedDeletesError extends Error {
  override name = 'UnprocessedDeletesError';
}

export type ForgetOutcome = 'forgotten' | 'nothing-to-forget' | 'not-a-photo';

/** One Photo REMOVE record → that photo's activity entries deleted (idempotent). */
export async function forgetDeletedPhoto(record: DynamoDBRecord, now: Date): Promise<ForgetOutcome> {
  const photo = deletedPhotoOf(record);
  if (!photo) return 'not-a-photo';
  // Counters and entries change in the same transactions: a photo deleted with no likes and no
  // comments has only entries that count zero, and those are never shown.
  if (photo.likeCount === 0 && photo.commentCount === 0) return 'nothing-to-forget';
  const deletedAt = record.dynamodb?.ApproximateCreationDateTime;
  const { unprocessed } = await forgetPhotoActivity({
    ownerId: photo.ownerId,
    photoId: photo.photoId,
    createdAt: photo.createdAt,
    deletedAt: deletedAt ? new Date(deletedAt * 1000).toISOString() : now.toISOString(),
  });
  if (unprocessed > 0) throw new UnprocessedDeletesError(`${unprocessed} activity deletes left unprocessed`);
  return 'forgotten';
}
