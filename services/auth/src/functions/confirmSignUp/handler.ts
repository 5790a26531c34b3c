import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { confirmSignUp as confirmAccount } from '../../account';
import { confirmSignUpRoute as route } from '../../contracts';

export const confirmSignUp: RouteHandler<typeof route> = async ({ body }) => {
  await confirmAccount(body);
  return { statusCode: 200, body: { status: 'confirmed' }, headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler(route, confirmSignUp);
