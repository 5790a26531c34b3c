import { listActivity } from '@gallery/core/access/activity';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { listMyActivityRoute as route } from '../../contracts/activity';
import { activityView } from '../../lib/views';

/** GET /v1/me/activity: the caller's activity, newest day first (one Query of their activity partition). */
export const listMyActivity: RouteHandler<typeof route> = async (request) => {
  const page = await listActivity(request.principal.userId, request.query);
  return {
    statusCode: 200,
    body: { items: page.items.map(activityView), cursor: page.cursor },
    headers: { 'cache-control': 'private, no-store' },
  };
};

export const handler = httpHandler(route, listMyActivity, { authenticate });
