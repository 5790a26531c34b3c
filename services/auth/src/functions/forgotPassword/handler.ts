import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import { startPasswordReset } from '../../account';
import { forgotPasswordBody, type ForgotPasswordBody } from '../../schemas';

export interface ForgotPasswordResult {
  status: 'code_sent';
  message: string;
}

export const forgotPassword: PureHttpHandler<
  undefined,
  undefined,
  ForgotPasswordBody,
  ForgotPasswordResult
> = async ({ body }) => {
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

export const handler = httpHandler({ body: forgotPasswordBody }, forgotPassword);
