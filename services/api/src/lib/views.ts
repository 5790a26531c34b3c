// Entities → response bodies. Each view copies the fields its contract schema names, explicitly, so
// internal attributes (emails, object keys) never reach a response by accident.
import type { Activity } from '@gallery/core/access/activity';
import type { Album } from '@gallery/core/access/albums';
import type { Comment } from '@gallery/core/access/comments';
import type { Photo } from '@gallery/core/access/photos';
import type { User } from '@gallery/core/access/users';
import type { ActivityEntryView } from '../contracts/activity';
import type { AlbumView, CommentView, PhotoView, ProfileView } from '../contracts/common';
import type { MeView } from '../contracts/me';
import { photoMediaUrls, type MediaAccess } from './media-urls';

/** The caller's own profile: the public one plus the email address and the version to edit it with. */
export function meView(user: User): MeView {
  return {
    userId: user.userId,
    handle: user.handle,
    email: user.email,
    displayName: user.displayName,
    bio: user.bio ?? null,
    albumCount: user.albumCount ?? 0,
    createdAt: user.createdAt ?? '',
    updatedAt: user.updatedAt ?? '',
    version: user.version ?? 1,
  };
}

/** A public profile. The album count includes private albums, so only their owner sees it. */
export function profileView(user: User, callerId: string): ProfileView {
  return {
    userId: user.userId,
    handle: user.handle,
    displayName: user.displayName,
    ...(user.bio !== undefined ? { bio: user.bio } : {}),
    ...(user.userId === callerId ? { albumCount: user.albumCount } : {}),
    createdAt: user.createdAt,
  };
}

/**
 * An album as `viewerId` sees it (undefined: someone not signed in, through a share link). Its owner
 * counts every photo; anyone else sees only ready photos, so the count is theirs too.
 */
export function albumView(album: Album, viewerId: string | undefined): AlbumView {
  return {
    albumId: album.albumId,
    ownerId: album.ownerId,
    title: album.title,
    description: album.description,
    visibility: album.visibility,
    photoCount: album.ownerId === viewerId ? album.photoCount : (album.readyPhotoCount ?? 0),
    ...(album.coverPhotoId !== undefined ? { coverPhotoId: album.coverPhotoId } : {}),
    version: album.version,
    createdAt: album.createdAt,
    updatedAt: album.updatedAt,
  };
}

/**
 * A photo with signed CDN URLs for its renditions once it is ready (signing is local: no request),
 * valid as long as `access` lets the viewer see the photo (see media-urls.ts).
 */
export async function photoView(photo: Photo, access: MediaAccess = { kind: 'member' }): Promise<PhotoView> {
  const renditions = photo.status === 'ready' ? (photo.renditions ?? []) : [];
  const urls = photo.status === 'ready' ? await photoMediaUrls(photo, access) : undefined;
  const thumbnails = urls
    ? renditions.map((r) => ({
        name: r.name,
        url: urls.rendition(r.key),
        width: r.width,
        height: r.height,
        contentType: r.contentType,
      }))
    : [];
  return {
    photoId: photo.photoId,
    albumId: photo.albumId,
    ownerId: photo.ownerId,
    status: photo.status,
    ...(photo.failureReason !== undefined ? { failureReason: photo.failureReason } : {}),
    contentType: photo.contentType as PhotoView['contentType'],
    size: photo.size,
    ...(photo.caption !== undefined ? { caption: photo.caption } : {}),
    ...(photo.width !== undefined ? { width: photo.width } : {}),
    ...(photo.height !== undefined ? { height: photo.height } : {}),
    likeCount: photo.likeCount,
    commentCount: photo.commentCount,
    version: photo.version,
    createdAt: photo.createdAt,
    updatedAt: photo.updatedAt,
    thumbnails,
    ...(urls
      ? { media: { imageUrlTemplate: urls.imageUrlTemplate, widths: urls.widths, expiresAt: urls.expiresAt } }
      : {}),
  };
}

export function commentView(comment: Comment): CommentView {
  return {
    commentId: comment.commentId,
    photoId: comment.photoId,
    authorId: comment.authorId,
    body: comment.body,
    createdAt: comment.createdAt,
  };
}

type Actor = { userId?: string; handle?: string };

function people(entry: Activity, kind: 'liker' | 'commenter'): Array<{ userId: string; handle?: string }> {
  const slots = [entry[`${kind}0`], entry[`${kind}1`], entry[`${kind}2`]] as Array<Actor | undefined>;
  return slots
    .filter((slot): slot is Actor & { userId: string } => typeof slot?.userId === 'string')
    .map((slot) => ({ userId: slot.userId, ...(slot.handle ? { handle: slot.handle } : {}) }));
}

/** "ada and 9,999 others liked your photo", "3 people commented on your photo". */
function sentence(count: number, named: Array<{ userId: string; handle?: string }>, verb: string): string {
  const first = named.find((p) => p.handle)?.handle;
  if (!first)
    return `${count.toLocaleString('en-US')} ${count === 1 ? 'person' : 'people'} ${verb} your photo`;
  const others = count - 1;
  if (others <= 0) return `${first} ${verb} your photo`;
  return `${first} and ${others.toLocaleString('en-US')} ${others === 1 ? 'other' : 'others'} ${verb} your photo`;
}

/** One activity entry: counts, up to three names each, and the same in words. */
export function activityView(entry: Activity): ActivityEntryView {
  const likers = people(entry, 'liker');
  const commenters = people(entry, 'commenter');
  const parts = [
    ...(entry.likeCount > 0 ? [sentence(entry.likeCount, likers, 'liked')] : []),
    ...(entry.commentCount > 0 ? [sentence(entry.commentCount, commenters, 'commented on')] : []),
  ];
  return {
    photoId: entry.photoId,
    day: entry.day,
    likes: { count: Math.max(0, entry.likeCount), people: entry.likeCount > 0 ? likers : [] },
    comments: { count: Math.max(0, entry.commentCount), people: entry.commentCount > 0 ? commenters : [] },
    summary: parts.join('; '),
    ...(entry.lastActivityAt ? { lastActivityAt: entry.lastActivityAt } : {}),
    expiresAt: new Date(entry.ttl * 1000).toISOString(),
  };
}
