import { readFileSync } from 'node:fs';
import path from 'node:path';
import { httpEvent, lambdaContext } from '@gallery/testing/lambda-events';
import { handler } from './handler';

describe('GET /v1/openapi.json', () => {
  it('serves the committed document (which `pnpm check:openapi` keeps equal to the contracts), cacheable', async () => {
    const res = await handler(httpEvent({ method: 'GET', path: '/v1/openapi.json' }), lambdaContext());
    const committed = readFileSync(path.resolve(__dirname, '../../../../../docs/openapi.json'), 'utf8');
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'public, max-age=300',
    });
    expect(JSON.parse(res.body ?? '')).toEqual(JSON.parse(committed));
  });
});
