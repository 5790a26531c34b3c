// Account erasure end to end: DELETE /v1/me on the api, the erasure state machine of
// services/workflows run locally from its real definition, and every check a person would make
// afterwards. A user with public and private albums, ready and pending photos (and their objects),
// share links, an export, likes and comments on other users' photos, and other users' likes and
// comments on theirs: after the erasure no item and no object of theirs remains, the other users'
// photos count exactly what is left on them, the handle can be registered again, and the old
// tokens are refused from the moment the erasure starts.
import { getPhoto } from '@gallery/core/access/photos';
import { registerUser } from '@gallery/core/access/users';
import { TEST_PASSWORD, createSignedInAccount } from '@gallery/local-stack/users';
import { objectKeys, onlyNewExecution, pollUntil, seedAlbum, useAccountStack } from './account-support';
import { call, signUp, type TestUser } from './support';
import { useOwnTable } from './reliability/support';

// A table of this file's own with the activity service's stream functions delivering from it: the
// photos' counters and activity entries follow the erasure's deletes as on AWS.
const table = useOwnTable('erasure', undefined, { streams: true });
const stack = useAccountStack();

/** Items that carry `text` anywhere (a key, an attribute, a nested value), lower-cased as keys are. */
async function itemsMentioning(text: string): Promise<Record<string, unknown>[]> {
  const needle = text.toLowerCase();
  return (await table.allItems()).filter((item) => JSON.stringify(item).toLowerCase().includes(needle));
}

/** likeCount and commentCount of a photo, and the Like and Comment items actually on it. */
async function countsOf(photoId: string) {
  const photo = await getPhoto(photoId, { consistent: true });
  const items = (await table.allItems()).filter((item) => item.photoId === photoId);
  return {
    likeCount: photo.likeCount,
    commentCount: photo.commentCount,
    likes: items.filter((item) => item.__edb_e__ === 'like').length,
    comments: items.filter((item) => item.__edb_e__ === 'comment').length,
  };
}

describe('DELETE /v1/me', () => {
  let erased: TestUser;
  let other: TestUser;
  let third: TestUser;
  let othersPhotos: string[];
  let erasedPhotos: string[];

  beforeAll(async () => {
    [erased, other, third] = await Promise.all([signUp('gone'), signUp('stays'), signUp('stays')]);
    const mine = await Promise.all([
      seedAlbum(stack.api, erased, { ready: 3, pending: 2, visibility: 'public' }),
      seedAlbum(stack.api, erased, { ready: 2, pending: 1, visibility: 'private' }),
    ]);
    erasedPhotos = mine.flatMap((album) => album.photos.map((p) => p.photoId));
    const theirs = await seedAlbum(stack.api, other, { ready: 3, pending: 0 });
    othersPhotos = theirs.photos.map((p) => p.photoId);
    for (const albumId of mine.map((a) => a.albumId)) {
      const share = await call(stack.api, 'POST', `/v1/albums/${albumId}/shares`, {
        token: erased.token,
        body: { expiresInSeconds: 3600 },
      });
      expect(share.status).toBe(201);
    }
    // What the erased user gave on others' photos, and what others gave on theirs.
    for (const photoId of othersPhotos) {
      for (const user of [erased, third, other]) {
        expect(
          (await call(stack.api, 'PUT', `/v1/photos/${photoId}/like`, { token: user.token })).status,
        ).toBe(200);
      }
      for (const user of [erased, erased, third]) {
        const comment = await call(stack.api, 'POST', `/v1/photos/${photoId}/comments`, {
          token: user.token,
          body: { body: `from ${user.handle}` },
        });
        expect(comment.status).toBe(201);
      }
    }
    for (const photoId of erasedPhotos.slice(0, 2)) {
      expect(
        (await call(stack.api, 'PUT', `/v1/photos/${photoId}/like`, { token: other.token })).status,
      ).toBe(200);
      const comment = await call(stack.api, 'POST', `/v1/photos/${photoId}/comments`, {
        token: third.token,
        body: { body: 'nice' },
      });
      expect(comment.status).toBe(201);
    }
    // An export: its record and its archive are the user's too.
    const before = stack.workflows.sfn.listExecutions(stack.workflows.arn('export')).length;
    const started = await call(stack.api, 'POST', '/v1/me/exports', { token: erased.token });
    expect(started.status).toBe(202);
    expect((await onlyNewExecution(stack.workflows, 'export', before)).status).toBe('SUCCEEDED');
    expect(await objectKeys(`exports/${erased.userId}/`)).toHaveLength(1);
  }, 180_000);

  it('refuses a wrong password with 403 and starts nothing', async () => {
    const before = stack.workflows.sfn.listExecutions(stack.workflows.arn('erasure')).length;
    const refused = await call(stack.api, 'DELETE', '/v1/me', {
      token: erased.token,
      body: { password: 'Wrong-Horse-42' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(stack.workflows.sfn.listExecutions(stack.workflows.arn('erasure'))).toHaveLength(before);
    expect((await call(stack.api, 'GET', '/v1/me', { token: erased.token })).status).toBe(200);
  });

  it('refuses a request without a password with 422 and starts nothing', async () => {
    const before = stack.workflows.sfn.listExecutions(stack.workflows.arn('erasure')).length;
    expect((await call(stack.api, 'DELETE', '/v1/me', { token: erased.token, body: {} })).status).toBe(422);
    expect(stack.workflows.sfn.listExecutions(stack.workflows.arn('erasure'))).toHaveLength(before);
  });

  it('erases everything of the user and nothing of anyone else', async () => {
    // Everything of the other two users (other test files share the table: only theirs is compared).
    const theirs = (item: Record<string, unknown>) =>
      [other.userId, third.userId, ...othersPhotos].some((id) =>
        JSON.stringify(item).toLowerCase().includes(id.toLowerCase()),
      );
    // What the seeding's likes and comments make of counters and activity entries, first.
    await table.streamsSettled();
    const othersBefore = (await table.allItems()).filter(theirs);
    // The other users' activity names the erased user (a like and comments on their photos).
    expect((await itemsMentioning(erased.userId)).some((item) => item.__edb_e__ === 'activity')).toBe(true);
    const before = stack.workflows.sfn.listExecutions(stack.workflows.arn('erasure')).length;

    const started = await call(stack.api, 'DELETE', '/v1/me', {
      token: erased.token,
      body: { password: TEST_PASSWORD },
    });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({
      erasureId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      status: 'running',
      statusUrl: `${stack.api.url}/v1/erasures/${started.body.erasureId}`,
    });
    expect(started.headers.get('location')).toBe(started.body.statusUrl);

    // The old token stops working at once, before the workflow has done anything.
    const refused = await call(stack.api, 'GET', '/v1/me', { token: erased.token });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ message: 'Unauthorized' });
    expect(
      (
        await call(stack.api, 'POST', '/v1/albums', {
          token: erased.token,
          body: { title: 'x', visibility: 'public' },
        })
      ).status,
    ).toBe(401);

    const statusPath = `/v1/erasures/${started.body.erasureId}`;
    const running = await call(stack.api, 'GET', statusPath);
    expect(running.status).toBe(200);
    expect(JSON.stringify(running.body)).not.toContain(erased.userId);

    const execution = await onlyNewExecution(stack.workflows, 'erasure', before);
    expect(execution.status).toBe('SUCCEEDED');
    // One Map item per batch of photos, each its own invocation.
    expect(execution.events).toContain('MapIterationSucceeded ErasePhotos[0]');

    const done = await pollUntil(
      () => call(stack.api, 'GET', statusPath),
      (res) => res.body.status === 'completed',
    );
    expect(done.body).toMatchObject({
      status: 'completed',
      step: 'completed',
      attempts: 1,
      progress: {
        photos: erasedPhotos.length,
        photosTotal: erasedPhotos.length,
        albums: 2,
        albumsTotal: 2,
        shareLinks: 2,
        likes: othersPhotos.length,
        comments: othersPhotos.length * 2,
        exports: 1,
      },
    });
    expect(done.body.progress.objects).toBe(5 * 2 + 1);
    expect(JSON.stringify(done.body)).not.toContain(erased.userId);

    // The stream's consequences of the deletes (counters, activity entries) are applied.
    await table.streamsSettled();

    // Nothing of the user: no item mentions their id (keys, attributes, their photos' partitions,
    // the slots naming them in other users' activity)...
    expect(await itemsMentioning(erased.userId)).toEqual([]);
    for (const photoId of erasedPhotos) expect(await itemsMentioning(photoId)).toEqual([]);
    expect(await itemsMentioning(erased.handle)).toEqual([]);
    // ...and no object under any of their prefixes.
    for (const prefix of ['uploads', 'thumbnails', 'exports']) {
      expect(await objectKeys(`${prefix}/${erased.userId}/`)).toEqual([]);
    }

    // Nothing of anyone else was touched, except what the erased user had put on it.
    const othersAfter = await table.allItems();
    for (const item of othersBefore) {
      const still = othersAfter.find((after) => after.pk === item.pk && after.sk === item.sk);
      // Their photos' counters (and so updatedAt) moved by what the erased user had given, and their
      // activity entries by the same (checked above: they name the erased user no more); nothing
      // else of theirs changed, and everything of theirs is still there.
      if (item.__edb_e__ === 'activity' || item.__edb_e__ === 'streamReceipt') continue;
      const moved = ['likeCount', 'commentCount', 'updatedAt'];
      const same = (record: Record<string, unknown> | undefined) =>
        record && Object.fromEntries(Object.entries(record).filter(([key]) => !moved.includes(key)));
      const text = JSON.stringify(item).toLowerCase();
      const givenByErased = text.includes(erased.userId.toLowerCase());
      const onErasedPhoto = erasedPhotos.some((id) => item.photoId === id);
      if (givenByErased || onErasedPhoto) expect(still).toBeUndefined();
      else expect(same(still)).toEqual(same(item));
    }

    // Their photos count exactly what is left on them: the two others' likes, one other's comment.
    for (const photoId of othersPhotos) {
      expect(await countsOf(photoId)).toEqual({ likeCount: 2, commentCount: 1, likes: 2, comments: 1 });
    }
  }, 180_000);

  it('frees the handle, and removes the login: the same email signs up anew', async () => {
    const account = await createSignedInAccount({ email: erased.email });
    expect(account.sub).not.toBe(erased.userId);
    const again = await registerUser({
      userId: account.sub,
      email: erased.email,
      handle: erased.handle,
      displayName: 'New owner',
    });
    expect(again.handle).toBe(erased.handle);
    const profile = await call(stack.api, 'GET', `/v1/users/${erased.handle}`, {
      token: account.accessToken,
    });
    expect(profile.status).toBe(200);
    expect(profile.body.userId).toBe(account.sub);
  });

  it('keeps refusing the erased account’s old tokens', async () => {
    expect((await call(stack.api, 'GET', '/v1/me', { token: erased.token })).status).toBe(401);
  });

  it('answers an unknown erasure id with 404 and a malformed one with 404', async () => {
    expect((await call(stack.api, 'GET', `/v1/erasures/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await call(stack.api, 'GET', '/v1/erasures/short')).status).toBe(404);
  });
});
