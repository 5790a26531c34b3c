// The refusals every /v1/auth/* route makes before Cognito is called (no Cognito endpoint is
// configured in unit tests, so a call would fail with a 500): field-level 422s, 400 for malformed
// JSON, 422 for no body, 415 for a body not sent as JSON. Test-only.
import type { HttpLambdaHandler } from '@gallery/lambda/http';
import { httpEvent, lambdaContext } from '@gallery/testing/lambda-events';

export async function postTo(handler: HttpLambdaHandler, path: string, body: unknown, contentType?: string) {
  const response = await handler(
    httpEvent({
      method: 'POST',
      path,
      body,
      ...(contentType ? { headers: { 'content-type': contentType } } : {}),
    }),
    lambdaContext(),
  );
  return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') };
}

/** `cases`: [why, body, the one field its 422 names]. `valid` is a body the route accepts. */
export function describeValidation(
  handler: HttpLambdaHandler,
  path: string,
  valid: Record<string, unknown>,
  cases: [string, Record<string, unknown>, string][],
): void {
  describe(`POST ${path} (validation)`, () => {
    it.each(cases)('answers %s with a 422 naming the field', async (_why, body, field) => {
      const { status, body: problem } = await postTo(handler, path, body);
      expect(status).toBe(422);
      expect(problem.type).toBe('urn:gallery:problem:validation');
      expect(problem.errors.map((e: { path: string }) => e.path)).toEqual([field]);
    });

    it('answers 400 to malformed JSON, 422 to no body, 415 to a valid body not sent as JSON', async () => {
      expect((await postTo(handler, path, '{"email":')).status).toBe(400);
      expect((await postTo(handler, path, undefined)).status).toBe(422);
      expect((await postTo(handler, path, JSON.stringify(valid), 'text/plain')).status).toBe(415);
    });
  });
}
