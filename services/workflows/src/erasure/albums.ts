// Step 4: the user's albums, each with its share links (expired ones too: TTL deletion is lazy),
// page by page, every key deleted 25 per BatchWriteItem.
import { deleteKeys } from '@gallery/core/batch';
import { listOwnAlbums, listShareLinkKeys, type Key } from '@gallery/core/access/user-data';
import { entities } from '@gallery/core/entities/service';
import * as z from '@gallery/core/zod';
import type { TaskContext } from '../lib/task';
import { countersFrom, recordStep } from './progress';
import { counter, erasureRef, startKeySchema } from './schemas';

/** Albums read per page. */
export const ALBUM_PAGE = 100;

export const eraseAlbumsInput = z.extend(erasureRef, {
  loop: z.object({ done: z.boolean(), startKey: startKeySchema, albums: counter, shareLinks: counter }),
});

export interface AlbumsLoop {
  done: boolean;
  startKey: Key | null;
  albums: number;
  shareLinks: number;
}

async function shareLinkKeys(userId: string, albumId: string): Promise<Key[]> {
  const keys: Key[] = [];
  let startKey: Key | undefined;
  do {
    const page = await listShareLinkKeys(userId, albumId, startKey);
    keys.push(...page.items);
    startKey = page.nextKey;
  } while (startKey);
  return keys;
}

function albumKey(albumId: string): Key {
  return (entities().albums.delete({ albumId }).params() as { Key: Key }).Key;
}

export async function eraseAlbumsStep(
  input: z.output<typeof eraseAlbumsInput>,
  task: TaskContext,
): Promise<AlbumsLoop> {
  const counters = await countersFrom(input.erasureId, 'albums', ['albums', 'shareLinks'], input.loop);
  let startKey = input.loop.startKey ?? undefined;
  let done = false;
  while (Date.now() < task.deadline) {
    const page = await listOwnAlbums(input.userId, startKey, ALBUM_PAGE);
    const links = await Promise.all(page.items.map((album) => shareLinkKeys(input.userId, album.albumId)));
    // Links first: an album is only gone once its links are.
    await deleteKeys(links.flat());
    await deleteKeys(page.items.map((album) => albumKey(album.albumId)));
    counters.albums += page.items.length;
    counters.shareLinks += links.flat().length;
    startKey = page.nextKey;
    if (!startKey) {
      done = true;
      break;
    }
  }
  await recordStep(input.erasureId, 'albums', counters);
  return { done, startKey: startKey ?? null, ...counters };
}
