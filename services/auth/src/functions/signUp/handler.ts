import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import { signUp as signUpAccount, type CodeDelivery } from '../../account';
import { signUpBody, type SignUpBody } from '../../schemas';

export interface SignUpResult {
  status: 'confirmation_required' | 'confirmed';
  delivery?: CodeDelivery;
}

export const signUp: PureHttpHandler<undefined, undefined, SignUpBody, SignUpResult> = async ({ body }) => {
  const { confirmed, delivery } = await signUpAccount(body);
  return {
    statusCode: 201,
    body: { status: confirmed ? 'confirmed' : 'confirmation_required', ...(delivery ? { delivery } : {}) },
    headers: { 'cache-control': 'no-store' },
  };
};

export const handler = httpHandler({ body: signUpBody }, signUp);
