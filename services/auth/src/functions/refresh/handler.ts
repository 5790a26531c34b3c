import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import { refreshTokens, type Tokens } from '../../account';
import { refreshBody, type RefreshBody } from '../../schemas';

export const refresh: PureHttpHandler<undefined, undefined, RefreshBody, Tokens> = async ({ body }) => ({
  statusCode: 200,
  body: await refreshTokens(body),
  headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
});

export const handler = httpHandler({ body: refreshBody }, refresh);
