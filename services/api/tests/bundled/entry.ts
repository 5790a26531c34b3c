// Bundled by bundled.int.test.ts with the deploy options: every kind of request the data layer
// makes through ElectroDB (transactions, get and update with go(), reads sent as params) and
// directly through the DocumentClient, so the bundle's ElectroDB stand-in is exercised end to end.
import { createAlbum, deleteAlbum, getAlbum, listUserAlbums, updateAlbum } from '@gallery/core/access/albums';
import { likePhoto } from '@gallery/core/access/likes';
import {
  addPhoto,
  deletePhoto,
  getPhoto,
  getPhotoLikeCount,
  markPhotoReady,
  updatePhoto,
} from '@gallery/core/access/photos';
import { registerUser, updateUser } from '@gallery/core/access/users';
import { createGalleryService } from '@gallery/core/entities/service';

export async function run(userId: string, handle: string) {
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
  const rendition = {
    name: 'thumb',
    key: `thumbnails/${photo.photoId}/thumb.webp`,
    width: 1,
    height: 1,
    contentType: 'image/webp',
    bytes: 1,
  };
  const ready = await markPhotoReady({
    photoId: photo.photoId,
    width: 1,
    height: 1,
    renditions: [rendition],
  });
  const again = await markPhotoReady({
    photoId: photo.photoId,
    width: 1,
    height: 1,
    renditions: [rendition],
  });
  const captioned = await updatePhoto({
    photoId: photo.photoId,
    ownerId: userId,
    expectedVersion: ready.photo.version,
    caption: 'hi',
  });
  const liked = await likePhoto({ photoId: photo.photoId, userId });
  const likeCount = await getPhotoLikeCount(photo.photoId);
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
    readCaption: read.caption,
    albumIds: albums.items.map((a) => a.albumId),
    albumId: album.albumId,
    displayName: user.displayName,
    photoCountAfterDelete: afterDelete.photoCount,
  };
}
