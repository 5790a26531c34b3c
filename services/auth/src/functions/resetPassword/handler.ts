import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { resetPassword as resetAccountPassword } from '../../account';
import { resetPasswordRoute as route } from '../../contracts';

export const resetPassword: RouteHandler<typeof route> = async ({ body }) => {
  await resetAccountPassword(body);
  return { statusCode: 200, body: { status: 'password_reset' }, headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler(route, resetPassword);
