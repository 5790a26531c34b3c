// The export archive: one zip of the user's data (profile, albums, photo metadata, the comments
// and likes they gave, as JSON) and the original of every ready photo, streamed to the media
// bucket under exports/<user>/ with a multipart upload. Nothing is held whole in memory: each JSON
// file is written page by page as the zip consumes it, each original is piped from S3 when its
// turn comes, and the upload holds at most two 8 MiB parts. yazl writes ZIP64 once the archive
// passes 4 GiB (a user may own 100 000 photos).
import { PassThrough, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { ExportCounts } from '@gallery/core/access/exports';
import {
  listAuthoredComments,
  listGivenLikes,
  listOwnAlbums,
  listOwnPhotos,
  type Key,
  type KeyedPage,
} from '@gallery/core/access/user-data';
import { getUser } from '@gallery/core/access/users';
import type { Photo } from '@gallery/core/entities/types';
import { exportKey } from '@gallery/core/media-keys';
import { bucketName, s3Client } from '@gallery/lambda/s3';
import { ZipFile } from 'yazl';

/** Upload part size: S3's minimum is 5 MiB; two parts in flight bound the memory the upload holds. */
export const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;
/** The folder every entry of the archive sits in. */
export const ROOT = 'gallery-export';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

/** Where a photo's original sits in the archive. */
export function originalPath(photo: Pick<Photo, 'albumId' | 'photoId' | 'contentType'>): string {
  return `${ROOT}/originals/${photo.albumId}/${photo.photoId}.${EXTENSIONS[photo.contentType] ?? 'bin'}`;
}

/** A photo as the archive describes it: its metadata, and where its original is (ready photos). */
export function photoRecord(photo: Photo): Record<string, unknown> {
  const { objectKey: _objectKey, renditions: _renditions, ...metadata } = photo;
  return { ...metadata, original: photo.status === 'ready' ? originalPath(photo) : null };
}

type PageReader<T> = (startKey: Key | undefined) => Promise<KeyedPage<T>>;

/** A JSON array streamed page by page; `onItem` sees every item as it is written. */
function jsonArray<T>(read: PageReader<T>, map: (item: T) => unknown, onItem: (item: T) => void): Readable {
  async function* generate() {
    yield '[';
    let first = true;
    let startKey: Key | undefined;
    do {
      const page = await read(startKey);
      for (const item of page.items) {
        onItem(item);
        yield `${first ? '\n' : ',\n'}${JSON.stringify(map(item))}`;
        first = false;
      }
      startKey = page.nextKey;
    } while (startKey);
    yield '\n]\n';
  }
  return Readable.from(generate());
}

/** Counts the bytes that pass. */
class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

async function originalStream(photo: Photo, missing: () => void): Promise<Readable> {
  try {
    const object = await s3Client().send(
      new GetObjectCommand({ Bucket: bucketName(), Key: photo.objectKey }),
    );
    return object.Body as Readable;
  } catch (err) {
    // Deleted after it was listed (the photo is being deleted): an empty entry, counted as missing.
    if (err instanceof NoSuchKey) {
      missing();
      return Readable.from([]);
    }
    throw err;
  }
}

export interface Archive {
  objectKey: string;
  bytes: number;
  counts: ExportCounts;
  /** Ready photos whose original was gone when its turn came. */
  missingOriginals: number;
}

/** Writes the archive of `userId`'s data to the media bucket; resolves once the upload completed. */
export async function writeExportArchive(
  userId: string,
  exportId: string,
  at = new Date(),
): Promise<Archive> {
  const objectKey = exportKey(userId, exportId);
  const profile = await getUser(userId);
  const counts: ExportCounts = { albums: 0, photos: 0, originals: 0, comments: 0, likes: 0 };
  let missingOriginals = 0;
  const ready: Photo[] = [];

  const zip = new ZipFile();
  const counter = new ByteCounter();
  const body = new PassThrough();
  const upload = new Upload({
    client: s3Client(),
    params: {
      Bucket: bucketName(),
      Key: objectKey,
      Body: body,
      ContentType: 'application/zip',
      ContentDisposition: 'attachment; filename="gallery-export.zip"',
    },
    partSize: PART_BYTES,
    queueSize: PARTS_IN_FLIGHT,
  });
  const zipFailed = new Promise<never>((_, reject) => zip.on('error', reject));
  const streamed = pipeline(zip.outputStream, counter, body);
  const uploaded = upload.done();

  const json = <T>(
    name: string,
    read: PageReader<T>,
    map: (item: T) => unknown,
    onItem: (item: T) => void,
  ) => {
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    zip.addReadStreamLazy(`${ROOT}/${name}`, { mtime: at }, (cb) => {
      const stream = jsonArray(read, map, onItem);
      stream.on('end', finished);
      cb(null, stream);
    });
    return done;
  };

  try {
    const { email, handle, displayName, bio, albumCount, createdAt, updatedAt } = profile;
    const profileJson = {
      userId,
      email,
      handle,
      displayName,
      bio: bio ?? null,
      albumCount,
      createdAt,
      updatedAt,
    };
    zip.addBuffer(Buffer.from(`${JSON.stringify(profileJson, null, 2)}\n`), `${ROOT}/profile.json`, {
      mtime: at,
    });
    void json(
      'albums.json',
      (k) => listOwnAlbums(userId, k),
      (album) => album,
      () => (counts.albums += 1),
    );
    const photosListed = json(
      'photos.json',
      (k) => listOwnPhotos(userId, k),
      photoRecord,
      (photo) => {
        counts.photos += 1;
        if (photo.status === 'ready') ready.push(photo);
      },
    );
    void json(
      'comments.json',
      (k) => listAuthoredComments(userId, k),
      ({ commentId, photoId, body: text, createdAt: at }) => ({
        commentId,
        photoId,
        body: text,
        createdAt: at,
      }),
      () => (counts.comments += 1),
    );
    void json(
      'likes.json',
      (k) => listGivenLikes(userId, k),
      ({ photoId, likedAt }) => ({ photoId, likedAt }),
      () => (counts.likes += 1),
    );
    // The originals are known once photos.json is written; the zip keeps its order meanwhile.
    await Promise.race([photosListed, zipFailed]);
    for (const photo of ready) {
      zip.addReadStreamLazy(
        originalPath(photo),
        { mtime: new Date(photo.createdAt), compress: false },
        (cb) => {
          originalStream(photo, () => (missingOriginals += 1)).then(
            (stream) => cb(null, stream),
            (err: unknown) => cb(err as Error, undefined as never),
          );
        },
      );
    }
    counts.originals = ready.length;
    zip.end();
    await Promise.race([Promise.all([streamed, uploaded]), zipFailed]);
  } catch (err) {
    body.destroy();
    // Nothing half-written stays: the multipart upload is aborted (the bucket's lifecycle rule
    // removes any part a crash leaves behind).
    await upload.abort().catch(() => undefined);
    throw err;
  }
  counts.originals -= missingOriginals;
  return { objectKey, bytes: counter.bytes, counts, missingOriginals };
}
