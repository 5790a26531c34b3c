import { addComment as add } from '@gallery/core/access/comments';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { idempotency } from '@gallery/lambda/idempotency';
import { BusinessMetric, countEvent } from '@gallery/lambda/metrics';
import { addCommentRoute as route } from '../../contracts/comments';
import { readablePhoto } from '../../lib/visibility';
import { commentView } from '../../lib/views';

/**
 * POST /v1/photos/{photoId}/comments: visibility check, then one Comment put. The photo's
 * commentCount follows from the table's stream (activity service).
 */
export const addComment: RouteHandler<typeof route> = async (request) => {
  const { photoId } = request.params;
  const caller = request.principal.userId;
  const { photo } = await readablePhoto(photoId, caller);
  const comment = await add({
    photoId,
    authorId: caller,
    photoOwnerId: photo.ownerId,
    body: request.body.body,
    requestId: request.requestId,
  });
  countEvent(BusinessMetric.Comments);
  return { statusCode: 201, body: commentView(comment) };
};

export const handler = httpHandler(route, addComment, { authenticate, idempotency });
