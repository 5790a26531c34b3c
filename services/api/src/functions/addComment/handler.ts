import { addComment as add } from '@gallery/core/access/comments';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import { addCommentRoute as route } from '../../contracts/comments';
import type { CommentView } from '../../contracts/common';
import { callerId } from '../../lib/caller';
import { readablePhoto } from '../../lib/visibility';
import { commentView } from '../../lib/views';

type Params = z.output<typeof route.params>;
type Body = z.output<typeof route.body>;

/**
 * POST /v1/photos/{photoId}/comments: visibility check, then one Comment put. The photo's
 * commentCount follows from the table's stream (activity service).
 */
export const addComment: PureHttpHandler<Params, undefined, Body, CommentView> = async (request) => {
  const { photoId } = request.params;
  const caller = callerId(request.principal);
  const { photo } = await readablePhoto(photoId, caller);
  const comment = await add({
    photoId,
    authorId: caller,
    photoOwnerId: photo.ownerId,
    body: request.body.body,
  });
  return { statusCode: 201, body: commentView(comment) };
};

export const handler = httpHandler({ authenticate, params: route.params, body: route.body }, addComment);
