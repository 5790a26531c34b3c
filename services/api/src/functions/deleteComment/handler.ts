import { deleteComment as remove } from '@gallery/core/access/comments';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { deleteCommentRoute as route } from '../../contracts/comments';
import { readablePhoto } from '../../lib/visibility';

/**
 * DELETE /v1/photos/{photoId}/comments/{commentId}: visibility check (a comment on a photo you
 * cannot see is 404), then one Comment delete conditioned on its author (someone else's comment:
 * 403). The photo's commentCount follows from the table's stream.
 */
export const deleteComment: RouteHandler<typeof route> = async (request) => {
  const { photoId, commentId } = request.params;
  const caller = request.principal.userId;
  await readablePhoto(photoId, caller);
  await remove({ photoId, commentId, authorId: caller });
  return { statusCode: 204 };
};

export const handler = httpHandler(route, deleteComment, { authenticate });
