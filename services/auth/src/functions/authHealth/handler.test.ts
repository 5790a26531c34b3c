import { httpEvent, lambdaContext } from '@gallery/testing/lambda-events';
import { handler } from './handler';

describe('GET /v1/auth/health', () => {
  it('answers 200 with the service name, as JSON', async () => {
    const response = await handler(httpEvent({ method: 'GET', path: '/v1/auth/health' }), lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(response.body ?? '')).toEqual({ status: 'ok', service: 'auth' });
  });

  it('ignores a request body instead of parsing it', async () => {
    const response = await handler(
      httpEvent({ method: 'GET', path: '/v1/auth/health', body: '{not json' }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(200);
  });
});
