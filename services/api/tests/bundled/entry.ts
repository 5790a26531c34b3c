// Bundled by bundled.int.test.ts with the deploy options and run in a plain `node` process: every
// entity, and every kind of request the data layer makes through ElectroDB (transactions, get and
// update with go(), reads sent as params) and directly through the DocumentClient, so the
// bundle's ElectroDB stand-ins are exercised end to end. Prints the outcome as JSON.
import { createAlbum, deleteAlbum, getAlbum, listUserAlbums, updateAlbum } from '@gallery/core/access/albums';
import { addComment, listPhotoComments } from '@gallery/core/access/comments';
import { likePhoto } from '@gallery/core/access/likes';
import {
  addPhoto,
  deletePhoto,
  getPhoto,
  getPhotoLikeCount,
  markPhotoReady,
  updatePhoto,
} from '@gallery/core/access/photos';
import { createShareLink, getShareLink } from '@gallery/core/access/shares';
import { forgetPhotoActivity, listActivity } from '@gallery/core/access/activity';
import { applyReactions } from '@gallery/core/access/reactions';
import { getHandles, registerUser, updateUser } from '@gallery/core/access/users';
import { createGalleryService } from '@gallery/core/entities/service';

async function run(userId: string, handle: string) {
  await registerUser({ userId, email: `${handle}@example.com`, handle, displayName: 'Bundled' });
  const album = await createAlbum({ ownerId: userId, title: 'Bundled', visibility: 'public' });
  const renamed = await updateAlbum({
    albumId: album.albumId,
    ownerId: userId,
    title: 'Renamed',
    expectedVersion: album.version,
  });
  const photo = await addPhoto({
    albumId: album.albumId,
    ownerId: userId,
    contentType: 'image/png',
    size: 10,
  });
  const readyInput = {
    photoId: photo.photoId,
    width: 1,
    height: 1,
    renditions: [
      {
        name: 'thumb',
        key: `thumbnails/${photo.photoId}/thumb.webp`,
        width: 1,
        height: 1,
        contentType: 'image/webp',
        bytes: 1,
      },
    ],
  };
  const ready = await markPhotoReady(readyInput);
  // A redelivered event: the conditional update is refused, the photo returned as it is.
  const again = await markPhotoReady(readyInput);
  const captioned = await updatePhoto({
    photoId: photo.photoId,
    ownerId: userId,
    expectedVersion: ready.photo.version,
    caption: 'hi',
  });
  const liked = await likePhoto({ photoId: photo.photoId, userId, photoOwnerId: userId });
  const likeCount = await getPhotoLikeCount(photo.photoId);
  const comment = await addComment({
    photoId: photo.photoId,
    authorId: userId,
    photoOwnerId: userId,
    body: 'nice',
  });
  const comments = await listPhotoComments(photo.photoId);
  // What the activity service does with the like's stream record (a fan's, to make activity).
  const at = new Date().toISOString();
  const reaction = {
    kind: 'like' as const,
    delta: 1 as const,
    photoId: photo.photoId,
    photoOwnerId: userId,
    at,
  };
  const reactions = [{ ...reaction, eventId: `bundled-${handle}`, actorId: `fan-${handle}` }];
  const handles = await getHandles([userId, `fan-${handle}`]);
  const group = { photoId: photo.photoId, reactions, handles, consumer: 'bundled', now: new Date() };
  const applied = await applyReactions(group);
  const redelivered = await applyReactions(group);
  const activity = await listActivity(userId);
  const countedLikes = (await getPhoto(photo.photoId, { consistent: true })).likeCount;
  const forgotten = await forgetPhotoActivity({
    ownerId: userId,
    photoId: photo.photoId,
    createdAt: at,
    deletedAt: at,
  });
  const activityAfterForget = await listActivity(userId);
  const link = await createShareLink({ albumId: album.albumId, ownerId: userId, expiresInSeconds: 3600 });
  const opened = await getShareLink(link.token);
  const read = await getPhoto(photo.photoId, { consistent: true });
  const albums = await listUserAlbums(userId);
  const user = await updateUser({ userId, displayName: 'Bundled too' });
  await deletePhoto({ photoId: photo.photoId, albumId: album.albumId, ownerId: userId });
  const afterDelete = await getAlbum(album.albumId);
  await deleteAlbum({ albumId: album.albumId, ownerId: userId });
  // A Service tells entities from models by asking the validator (the bundle has a stand-in).
  const service = createGalleryService();
  return {
    serviceEntities: Object.keys(service.entities).sort(),
    renamed: renamed.title,
    marked: [ready.outcome, again.outcome],
    caption: captioned.caption,
    liked: liked.changed,
    likeCount,
    handles: [...handles.values()],
    applied: [applied.applied, redelivered.duplicates],
    activityLikes: activity.items.map((entry) => entry.likeCount),
    countedLikes,
    forgotten: [forgotten.unprocessed, activityAfterForget.items.length],
    commentIds: comments.items.map((c) => c.commentId),
    commentId: comment.commentId,
    sharedAlbumId: opened.albumId,
    readCaption: read.caption,
    albumIds: albums.items.map((a) => a.albumId),
    albumId: album.albumId,
    displayName: user.displayName,
    photoCountAfterDelete: afterDelete.photoCount,
  };
}

const [userId, handle] = process.argv.slice(2);
if (!userId || !handle) throw new Error('usage: node entry.js <userId> <handle>');
run(userId, handle).then(
  (result) => console.log(JSON.stringify(result)),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
