// PATCH /v1/me against the cognito-local and DynamoDB Local of the jest global setup: real tokens,
// real JWKS, real table. The shared pool has no triggers, so the profile is registered here through
// the data layer, as PostConfirmation would. Token refusals are covered once for both methods in
// ../getMe/handler.int.test.ts.
import { getUser } from '@gallery/core/access/users';
import { closeAccountClients } from '@gallery/local-stack/users';
import { account, invokeMe, withProfile } from '../../../tests/me-support';
import { handler } from './handler';

afterAll(() => closeAccountClients());

const call = (method: 'PATCH', token: string | undefined, body?: unknown) =>
  invokeMe(handler, method, token, body);

describe('PATCH /v1/me', () => {
  it('updates the display name and bio, and bumps the version', async () => {
    const ada = await withProfile();
    const response = await call('PATCH', ada.accessToken, { displayName: '  Ada  ', bio: 'Engines.' });
    expect(response).toMatchObject({
      status: 200,
      body: { displayName: 'Ada', bio: 'Engines.', version: 2 },
    });
    expect(await getUser(ada.sub)).toMatchObject({ displayName: 'Ada', bio: 'Engines.', version: 2 });
  });

  it('applies a versioned update once, and answers 409 to a stale version without changing anything', async () => {
    const ada = await withProfile();
    expect((await call('PATCH', ada.idToken, { bio: 'first', version: 1 })).status).toBe(200);
    const stale = await call('PATCH', ada.idToken, { bio: 'second', version: 1 });
    expect(stale).toMatchObject({ status: 409, body: { type: 'urn:gallery:problem:conflict' } });
    expect(await getUser(ada.sub)).toMatchObject({ bio: 'first', version: 2 });
  });

  it('answers 422 to an empty change, an unknown field (no renaming the handle) or a bad value', async () => {
    const ada = await withProfile();
    for (const body of [
      {},
      { handle: 'new_handle' },
      { displayName: '' },
      { bio: 'x'.repeat(501) },
      { version: 0 },
    ]) {
      const response = await call('PATCH', ada.idToken, body);
      expect(response.status).toBe(422);
    }
    expect(await getUser(ada.sub)).toMatchObject({
      handle: ada.handle,
      displayName: 'Grace Hopper',
      version: 1,
    });
  });

  it('answers 404 when the caller has no profile', async () => {
    const stranger = await account();
    expect((await call('PATCH', stranger.idToken, { bio: 'hello' })).status).toBe(404);
  });
});
