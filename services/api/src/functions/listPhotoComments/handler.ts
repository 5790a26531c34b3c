import { listPhotoComments as list } from '@gallery/core/access/comments';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { listCommentsRoute as route } from '../../contracts/comments';
import { readablePhoto } from '../../lib/visibility';
import { commentView } from '../../lib/views';

/** GET /v1/photos/{photoId}/comments: visibility check, then one Query page, newest first. */
export const listPhotoComments: RouteHandler<typeof route> = async (request) => {
  const { photoId } = request.params;
  await readablePhoto(photoId, request.principal.userId);
  const page = await list(photoId, request.query);
  return { statusCode: 200, body: { items: page.items.map(commentView), cursor: page.cursor } };
};

export const handler = httpHandler(route, listPhotoComments, { authenticate });
