// The ElectroDB Service over the one table: every entity, and the transaction
// API spanning them. Built on first use so TABLE_NAME / DYNAMODB_ENDPOINT are
// read after the environment is set up (tests, benchmarks).
import { Service } from 'electrodb';
import { createAlbumEntity } from './album';
import { createCommentEntity } from './comment';
import { createHandleEntity } from './handle';
import { createLikeEntity } from './like';
import { createPhotoEntity } from './photo';
import { createShareLinkEntity } from './share-link';
import { createUserEntity } from './user';

function createGalleryService() {
  return new Service({
    users: createUserEntity(),
    handles: createHandleEntity(),
    albums: createAlbumEntity(),
    photos: createPhotoEntity(),
    comments: createCommentEntity(),
    likes: createLikeEntity(),
    shareLinks: createShareLinkEntity(),
  });
}

export type GalleryService = ReturnType<typeof createGalleryService>;

let service: GalleryService | undefined;

export function gallery(): GalleryService {
  service ??= createGalleryService();
  return service;
}

export function entities(): GalleryService['entities'] {
  return gallery().entities;
}
