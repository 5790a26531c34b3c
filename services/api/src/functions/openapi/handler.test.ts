import { httpEvent, lambdaContext } from '@gallery/testing/lambda-events';
import { apiDocument } from '../../openapi';
import { handler } from './handler';

describe('GET /v1/openapi.json', () => {
  it('serves the document the route contracts generate', async () => {
    const res = await handler(httpEvent({ method: 'GET', path: '/v1/openapi.json' }), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['cache-control']).toBe('public, max-age=300');
    expect(JSON.parse(res.body ?? '')).toEqual(apiDocument());
  });
});
