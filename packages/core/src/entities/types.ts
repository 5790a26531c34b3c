import type { EntityItem } from 'electrodb';
import type { createActivityEntity } from './activity';
import type { createAlbumEntity } from './album';
import type { createCommentEntity } from './comment';
import type { createHandleEntity } from './handle';
import type { createLikeEntity } from './like';
import type { createPhotoEntity } from './photo';
import type { createShareLinkEntity } from './share-link';
import type { createUserEntity } from './user';

export type User = EntityItem<ReturnType<typeof createUserEntity>>;
export type Handle = EntityItem<ReturnType<typeof createHandleEntity>>;
export type Album = EntityItem<ReturnType<typeof createAlbumEntity>>;
export type Photo = EntityItem<ReturnType<typeof createPhotoEntity>>;
export type Comment = EntityItem<ReturnType<typeof createCommentEntity>>;
export type Like = EntityItem<ReturnType<typeof createLikeEntity>>;
export type ShareLink = EntityItem<ReturnType<typeof createShareLinkEntity>>;
export type Activity = EntityItem<ReturnType<typeof createActivityEntity>>;
