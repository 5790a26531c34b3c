import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { startPasswordReset } from '../../account';
import { forgotPasswordRoute as route } from '../../contracts';

export const forgotPassword: RouteHandler<typeof route> = async ({ body }) => {
  await startPasswordReset(body);
  // The same answer whether or not the email has an account.
  return {
    statusCode: 202,
    body: {
      status: 'code_sent',
      message: 'If an account exists for this email, a reset code was sent to it.',
    },
    headers: { 'cache-control': 'no-store' },
  };
};

export const handler = httpHandler(route, forgotPassword);
