import { httpHandler, type RouteHandler } from '@gallery/lambda/http';
import { BusinessMetric, countEvent } from '@gallery/lambda/metrics';
import { signUp as signUpAccount } from '../../account';
import { signUpRoute as route } from '../../contracts';

export const signUp: RouteHandler<typeof route> = async ({ body }) => {
  const { confirmed, delivery } = await signUpAccount(body);
  countEvent(BusinessMetric.SignUps);
  return {
    statusCode: 201,
    body: { status: confirmed ? 'confirmed' : 'confirmation_required', ...(delivery ? { delivery } : {}) },
    headers: { 'cache-control': 'no-store' },
  };
};

export const handler = httpHandler(route, signUp);
