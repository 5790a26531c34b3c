import { httpEvent, lambdaContext } from '@gallery/testing/lambda-events';
import { handler } from './handler';

// Only refusals that happen before Cognito is called; the accepted path is covered against
// cognito-local in ../../signup-flow.int.test.ts.
const valid = { email: 'ada@example.com', password: 'Correct-Horse-42', handle: 'ada', displayName: 'Ada' };

async function post(body: unknown) {
  const response = await handler(
    httpEvent({ method: 'POST', path: '/v1/auth/signup', body }),
    lambdaContext(),
  );
  return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') };
}

describe('POST /v1/auth/signup (validation)', () => {
  it('lists every invalid field at once as a 422 problem', async () => {
    const { status, body } = await post({ email: 'nope', password: 'short', handle: 'x', displayName: '' });
    expect(status).toBe(422);
    expect(body.type).toBe('urn:gallery:problem:validation');
    const paths = [...new Set((body.errors as Array<{ path: string }>).map((e) => e.path))].sort();
    expect(paths).toEqual(['body.displayName', 'body.email', 'body.handle', 'body.password']);
  });

  it.each([
    ['no upper-case letter', 'correct-horse-42'],
    ['no digit', 'Correct-Horse-XX'],
    ['too short', 'Corr-42'],
  ])('refuses a password with %s', async (_why, password) => {
    const { status, body } = await post({ ...valid, password });
    expect(status).toBe(422);
    expect(body.errors).toEqual([
      { path: 'body.password', message: expect.stringContaining('12 characters') },
    ]);
  });

  it('refuses a reserved handle', async () => {
    const { status, body } = await post({ ...valid, handle: 'admin' });
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ path: 'body.handle', message: 'is reserved' }]);
  });

  it.each(['email', 'password', 'displayName'])(
    'refuses NUL and unpaired surrogates in %s with a 422, before Cognito sees them',
    async (field) => {
      for (const bad of ['\\u0000', '\\ud800']) {
        const value = field === 'email' ? `ada${bad}@example.com` : `Correct-Horse-42${bad}`;
        const body = JSON.stringify({ ...valid, [field]: 'X' }).replace('"X"', `"${value}"`);
        const { status, body: problem } = await post(body);
        expect({ field, bad, status }).toEqual({ field, bad, status: 422 });
        expect(problem.errors.map((e: { path: string }) => e.path)).toContain(`body.${field}`);
      }
    },
  );

  it('answers 400 to malformed JSON', async () => {
    const { status } = await post('{"email":');
    expect(status).toBe(400);
  });
});
