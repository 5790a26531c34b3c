// Who may read what. Owners read everything of theirs; a public album and its photos are readable
// by every signed-in user; anything else is NotFound (404), never Forbidden, so a stranger cannot
// learn that a private album or photo exists.
import { getAlbum, type Album } from '@gallery/core/access/albums';
import { getPhoto, type Photo } from '@gallery/core/access/photos';
import { ForbiddenError, NotFoundError } from '@gallery/core/errors';

export function canReadAlbum(album: Pick<Album, 'ownerId' | 'visibility'>, userId: string): boolean {
  return album.ownerId === userId || album.visibility === 'public';
}

/** The album, when `userId` may read it (one GetItem). */
export async function readableAlbum(albumId: string, userId: string): Promise<Album> {
  const album = await getAlbum(albumId);
  if (!canReadAlbum(album, userId)) throw new NotFoundError('Album');
  return album;
}

/** For what only the owner may do with an album: 403 if the caller may at least see it, else 404. */
export function albumNotYours(album: Pick<Album, 'ownerId' | 'visibility'>, userId: string): Error {
  return canReadAlbum(album, userId)
    ? new ForbiddenError('This album belongs to someone else')
    : new NotFoundError('Album');
}

export interface ReadablePhoto {
  photo: Photo;
  /** Read only when the caller is not the owner (the owner may read their photos anyway). */
  album: Album | undefined;
}

/**
 * The photo, when `userId` may read it: GetItem of the photo, plus, for anyone but its owner,
 * one extra GetItem of its album (the photo does not carry the album's visibility). Non-owners
 * may read ready photos only.
 */
export async function readablePhoto(photoId: string, userId: string): Promise<ReadablePhoto> {
  const photo = await getPhoto(photoId);
  if (photo.ownerId === userId) return { photo, album: undefined };
  let album: Album;
  try {
    album = await getAlbum(photo.albumId);
  } catch (err) {
    if (err instanceof NotFoundError) throw new NotFoundError('Photo', { cause: err });
    throw err;
  }
  if (!canReadAlbum(album, userId)) throw new NotFoundError('Photo');
  // Others only ever see finished photos: a pending upload or a failure reason is the owner's business.
  if (photo.status !== 'ready') throw new NotFoundError('Photo');
  return { photo, album };
}

/**
 * For a change the caller may not make to a photo: 403 if they may at least see it, else 404.
 * Costs the reads of `readablePhoto`, on the error path only.
 */
export async function photoNotYours(photoId: string, userId: string): Promise<Error> {
  try {
    await readablePhoto(photoId, userId);
  } catch (err) {
    // NotFound for a photo the caller cannot see; any other failure (e.g. unavailable) as it is.
    return err instanceof Error ? err : new NotFoundError('Photo');
  }
  return new ForbiddenError('This photo belongs to someone else');
}
