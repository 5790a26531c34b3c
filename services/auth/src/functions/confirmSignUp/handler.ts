import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import { confirmSignUp as confirmAccount } from '../../account';
import { confirmBody, type ConfirmBody } from '../../schemas';

export const confirmSignUp: PureHttpHandler<
  undefined,
  undefined,
  ConfirmBody,
  { status: 'confirmed' }
> = async ({ body }) => {
  await confirmAccount(body);
  return { statusCode: 200, body: { status: 'confirmed' }, headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler({ body: confirmBody }, confirmSignUp);
