import { listPhotoComments as list } from '@gallery/core/access/comments';
import type { Page } from '@gallery/core/pagination';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import { listCommentsRoute as route } from '../../contracts/comments';
import type { CommentView } from '../../contracts/common';
import { callerId } from '../../lib/caller';
import { readablePhoto } from '../../lib/visibility';
import { commentView } from '../../lib/views';

type Params = z.output<typeof route.params>;
type Query = z.output<typeof route.query>;

/** GET /v1/photos/{photoId}/comments: visibility check, then one Query page, newest first. */
export const listPhotoComments: PureHttpHandler<Params, Query, undefined, Page<CommentView>> = async (
  request,
) => {
  const { photoId } = request.params;
  await readablePhoto(photoId, callerId(request.principal));
  const page = await list(photoId, request.query);
  return { statusCode: 200, body: { items: page.items.map(commentView), cursor: page.cursor } };
};

export const handler = httpHandler(
  { authenticate, params: route.params, query: route.query },
  listPhotoComments,
);
