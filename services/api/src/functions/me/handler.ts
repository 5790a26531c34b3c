// GET /v1/me and PATCH /v1/me: the caller's own profile (the one PostConfirmation created). The
// caller is whoever the verified token names: there is no user id in the path to get wrong.
import type { Context } from 'aws-lambda';
import * as z from '@gallery/core/zod';
import { getUser, updateUser, type User } from '@gallery/core/access/users';
import { versionSchema } from '@gallery/core/validation';
import { authenticate } from '@gallery/lambda/auth';
import { UnauthorizedError } from '@gallery/lambda/errors';
import {
  httpHandler,
  type HttpLambdaHandler,
  type HttpRequest,
  type PureHttpHandler,
} from '@gallery/lambda/http';

/** The own profile: the public one plus the email address. */
export interface Me {
  userId: string;
  handle: string;
  email: string;
  displayName: string;
  bio: string | null;
  albumCount: number;
  createdAt: string;
  updatedAt: string;
  /** Send it back in PATCH to update only if nobody changed the profile meanwhile. */
  version: number;
}

export function toMe(user: User): Me {
  return {
    userId: user.userId,
    handle: user.handle,
    email: user.email,
    displayName: user.displayName,
    bio: user.bio ?? null,
    albumCount: user.albumCount ?? 0,
    createdAt: user.createdAt ?? '',
    updatedAt: user.updatedAt ?? '',
    version: user.version ?? 1,
  };
}

export const updateMeBody = z
  .strictObject({
    displayName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
    bio: z.optional(z.string().check(z.maxLength(500))),
    version: z.optional(versionSchema),
  })
  .check(
    z.refine((body) => body.displayName !== undefined || body.bio !== undefined, {
      message: 'give displayName or bio',
      path: ['displayName'],
    }),
  );
export type UpdateMeBody = z.output<typeof updateMeBody>;

function callerOf(request: HttpRequest<unknown, unknown, unknown>): string {
  // The chain only reaches the handler with a verified principal; this guards a misconfiguration.
  if (!request.principal) throw new UnauthorizedError();
  return request.principal.userId;
}

const privateHeaders = { 'cache-control': 'private, no-store' };

/** 404 when the token is valid but no profile exists (e.g. the account was never confirmed here). */
export const getMe: PureHttpHandler<undefined, undefined, undefined, Me> = async (request) => ({
  statusCode: 200,
  body: toMe(await getUser(callerOf(request))),
  headers: privateHeaders,
});

/** 409 when `version` is given and no longer current. */
export const updateMe: PureHttpHandler<undefined, undefined, UpdateMeBody, Me> = async (request) => {
  const { displayName, bio, version } = request.body;
  const user = await updateUser({ userId: callerOf(request), displayName, bio, expectedVersion: version });
  return { statusCode: 200, body: toMe(user), headers: privateHeaders };
};

const getHandler = httpHandler({ authenticate }, getMe);
const patchHandler = httpHandler({ authenticate, body: updateMeBody }, updateMe);

/** One function for both methods of the route: they share a role (GetItem, UpdateItem on the table). */
export const handler: HttpLambdaHandler = (event, context: Context) =>
  event.requestContext.http.method === 'PATCH' ? patchHandler(event, context) : getHandler(event, context);
