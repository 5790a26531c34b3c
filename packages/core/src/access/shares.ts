// Share links. Each function is one DynamoDB request; `build*` returns the
// ElectroDB operation so its request shape is testable with `.params()`.
import { randomBytes } from 'node:crypto';
import { createWriteTransaction } from 'electrodb';
import * as z from '../zod';
import { toItem, toPage } from '../format';
import { entities, entitiesFor } from '../entities/service';
import type { Album, ShareLink } from '../entities/types';
import { ConflictError, NotFoundError } from '../errors';
import { resolvePage, type Page, type PageRequest } from '../pagination';
import { getItem, queryPage } from '../reads';
import { failedCondition, guarded, runTransaction } from '../transactions';
import { parseInput, ulidSchema, userIdSchema } from '../validation';
import { notOwnerError } from './visibility';

export type { ShareLink };

/** Share links live from one minute to 30 days. */
export const SHARE_LINK_TTL = { minSeconds: 60, maxSeconds: 30 * 24 * 3600 } as const;

/** 32 random bytes, base64url: unguessable, not time-ordered (unlike a ULID). */
export const shareTokenSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'must be a share token'));

export const createShareLinkInput = z.object({
  albumId: ulidSchema,
  ownerId: userIdSchema,
  expiresInSeconds: z
    .number()
    .check(z.int(), z.minimum(SHARE_LINK_TTL.minSeconds), z.maximum(SHARE_LINK_TTL.maxSeconds)),
});
export type CreateShareLinkInput = z.input<typeof createShareLinkInput>;

export function buildCreateShareLink(input: z.output<typeof createShareLinkInput>, at = new Date()) {
  const expires = new Date(at.getTime() + input.expiresInSeconds * 1000);
  const link = {
    token: randomBytes(32).toString('base64url'),
    albumId: input.albumId,
    ownerId: input.ownerId,
    expiresAt: expires.toISOString(),
    ttl: Math.ceil(expires.getTime() / 1000),
    createdAt: at.toISOString(),
  };
  const transaction = createWriteTransaction(
    entitiesFor('shareLinks', 'albums'),
    ({ shareLinks, albums }) => [
      shareLinks.create(link).commit(),
      albums
        .check({ albumId: input.albumId })
        .where((attr, { eq }) => eq(attr.ownerId, input.ownerId))
        .commit({ response: 'all_old' }),
    ],
  );
  return { link, transaction };
}

/** share an album: ShareLink put + ConditionCheck (album exists, caller owns it), one TransactWriteItems. */
export async function createShareLink(raw: CreateShareLinkInput): Promise<ShareLink> {
  const input = parseInput(createShareLinkInput, raw);
  const { link, transaction } = buildCreateShareLink(input);
  const outcome = await runTransaction(transaction);
  if (outcome.ok) return link;
  if (failedCondition(outcome.reasons, 1)) {
    const album = outcome.reasons[1]?.item as Album | null | undefined;
    if (!album) throw new NotFoundError('Album');
    throw notOwnerError('Album', album.visibility);
  }
  throw new ConflictError('Share token collision, try again');
}

export function buildGetShareLink(token: string) {
  return entities().shareLinks.get({ token });
}

/**
 * share link by token: GetItem, strongly consistent so that a revoked link is refused at once.
 * TTL deletion is lazy (up to days late), so an expired link that still exists is NotFound too.
 */
export async function getShareLink(token: string, now = new Date()): Promise<ShareLink> {
  const t = parseInput(shareTokenSchema, token);
  const data = toItem<ShareLink>('shareLinks', await getItem(buildGetShareLink(t), { consistent: true }));
  if (!data || Date.parse(data.expiresAt) <= now.getTime()) throw new NotFoundError('ShareLink');
  return data;
}

export function buildListAlbumShareLinks(ownerId: string, albumId: string, now = new Date()) {
  return entities()
    .shareLinks.query.byOwnerAlbum({ ownerId, albumId })
    .where(({ expiresAt }, { gt }) => gt(expiresAt, now.toISOString()));
}

/**
 * an owner's share links of an album, newest first: one Query page on gsi1, expired links filtered
 * out in the same request (a page can hold fewer than `limit`; follow `cursor`). The partition is
 * the owner's own: another user's album lists nothing.
 */
export async function listAlbumShareLinks(
  ownerId: string,
  albumId: string,
  page?: PageRequest,
  now = new Date(),
): Promise<Page<ShareLink>> {
  const owner = parseInput(userIdSchema, ownerId);
  const album = parseInput(ulidSchema, albumId);
  const list = { pattern: 'listAlbumShareLinks', partition: `${owner}/${album}` };
  const response = await queryPage(
    buildListAlbumShareLinks(owner, album, now),
    resolvePage(list, page),
    'desc',
  );
  return toPage('shareLinks', list, response);
}

export const revokeShareLinkInput = z.object({
  token: shareTokenSchema,
  albumId: ulidSchema,
  ownerId: userIdSchema,
});
export type RevokeShareLinkInput = z.input<typeof revokeShareLinkInput>;

export function buildRevokeShareLink(input: z.output<typeof revokeShareLinkInput>) {
  return entities()
    .shareLinks.delete({ token: input.token })
    .where(
      ({ albumId, ownerId }, { eq }) => `${eq(albumId, input.albumId)} AND ${eq(ownerId, input.ownerId)}`,
    );
}

/**
 * revoke a share link: DeleteItem conditioned on the link being of this album and this owner. An
 * unknown token and someone else's link are the same NotFound: a token is a secret.
 */
export async function revokeShareLink(raw: RevokeShareLinkInput): Promise<void> {
  const input = parseInput(revokeShareLinkInput, raw);
  const result = await guarded(() =>
    buildRevokeShareLink(input).go({ response: 'none', returnOnConditionCheckFailure: true }),
  );
  if (result.rejected) throw new NotFoundError('ShareLink');
}
