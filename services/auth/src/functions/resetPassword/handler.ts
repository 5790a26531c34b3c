import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import { resetPassword as resetAccountPassword } from '../../account';
import { resetPasswordBody, type ResetPasswordBody } from '../../schemas';

export const resetPassword: PureHttpHandler<
  undefined,
  undefined,
  ResetPasswordBody,
  { status: 'password_reset' }
> = async ({ body }) => {
  await resetAccountPassword(body);
  return { statusCode: 200, body: { status: 'password_reset' }, headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler({ body: resetPasswordBody }, resetPassword);
