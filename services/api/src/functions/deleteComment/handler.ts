import { deleteComment as remove } from '@gallery/core/access/comments';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import { deleteCommentRoute as route } from '../../contracts/comments';
import { callerId } from '../../lib/caller';
import { readablePhoto } from '../../lib/visibility';

type Params = z.output<typeof route.params>;

/**
 * DELETE /v1/photos/{photoId}/comments/{commentId}: visibility check (a comment on a photo you
 * cannot see is 404), then one Comment delete conditioned on its author (someone else's comment:
 * 403). The photo's commentCount follows from the table's stream.
 */
export const deleteComment: PureHttpHandler<Params, undefined, undefined, undefined> = async (request) => {
  const { photoId, commentId } = request.params;
  const caller = callerId(request.principal);
  await readablePhoto(photoId, caller);
  await remove({ photoId, commentId, authorId: caller });
  return { statusCode: 204 };
};

export const handler = httpHandler({ authenticate, params: route.params }, deleteComment);
