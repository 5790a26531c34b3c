import { listActivity } from '@gallery/core/access/activity';
import type { Page } from '@gallery/core/pagination';
import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import { listMyActivityRoute as route, type ActivityEntryView } from '../../contracts/activity';
import { callerId } from '../../lib/caller';
import { activityView } from '../../lib/views';

type Query = z.output<typeof route.query>;

/** GET /v1/me/activity: the caller's activity, newest day first (one Query of their activity partition). */
export const listMyActivity: PureHttpHandler<undefined, Query, undefined, Page<ActivityEntryView>> = async (
  request,
) => {
  const page = await listActivity(callerId(request.principal), request.query);
  return {
    statusCode: 200,
    body: { items: page.items.map(activityView), cursor: page.cursor },
    headers: { 'cache-control': 'private, no-store' },
  };
};

export const handler = httpHandler({ authenticate, query: route.query }, listMyActivity);
