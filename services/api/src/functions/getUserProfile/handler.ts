import { getUserByHandle } from '@gallery/core/access/users';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import type { ProfileView } from '../../contracts/common';
import { getUserProfileRoute as route } from '../../contracts/users';
import { callerId } from '../../lib/caller';
import { profileView } from '../../lib/views';

type Params = z.output<typeof route.params>;

/**
 * GET /v1/users/{handle}: user by handle (one Query). The view leaves out the email address, and
 * the album count unless it is the caller's own profile.
 */
export const getUserProfile: PureHttpHandler<Params, undefined, undefined, ProfileView> = async ({
  params,
  principal,
}) => ({
  statusCode: 200,
  body: profileView(await getUserByHandle(params.handle), callerId(principal)),
});

export const handler = httpHandler({ authenticate, params: route.params }, getUserProfile);
