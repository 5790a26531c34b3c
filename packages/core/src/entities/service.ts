// The entities over the one table, each built on first use (so TABLE_NAME / DYNAMODB_ENDPOINT are
// read after the environment is set up in tests and benchmarks), and only those a function touches:
// ElectroDB checks each model against its JSON Schema when the entity is built, a cost every cold
// start pays per entity (docs/performance.md). A transaction is built over exactly the entities it
// writes (`entitiesFor`). The Service, whose construction checks that the entities agree with each
// other, is built by the tests (`createGalleryService`, tests/table-definition.test.ts), not in
// Lambda.
import { Service } from 'electrodb';
import { createActivityEntity } from './activity';
import { createAlbumEntity } from './album';
import { createCommentEntity } from './comment';
import { createHandleEntity } from './handle';
import { createLikeEntity } from './like';
import { createPhotoEntity } from './photo';
import { createShareLinkEntity } from './share-link';
import { createStreamReceiptEntity } from './stream-receipt';
import { createUserEntity } from './user';

const factories = {
  users: createUserEntity,
  handles: createHandleEntity,
  albums: createAlbumEntity,
  photos: createPhotoEntity,
  comments: createCommentEntity,
  likes: createLikeEntity,
  shareLinks: createShareLinkEntity,
  activity: createActivityEntity,
  streamReceipts: createStreamReceiptEntity,
};

export type GalleryEntities = { [K in keyof typeof factories]: ReturnType<(typeof factories)[K]> };
export type EntityName = keyof GalleryEntities;

const built: Partial<GalleryEntities> = {};

/** One entity, built on first use. */
export function entity<K extends EntityName>(name: K): GalleryEntities[K] {
  const existing = built[name];
  if (existing) return existing;
  const created = factories[name]() as GalleryEntities[K];
  built[name] = created;
  return created;
}

const lazy = Object.defineProperties(
  {},
  Object.fromEntries(
    (Object.keys(factories) as EntityName[]).map((name) => [
      name,
      { get: () => entity(name), enumerable: true },
    ]),
  ),
) as GalleryEntities;

/** Every entity by name; each is built when first read (`entities().albums`). */
export function entities(): GalleryEntities {
  return lazy;
}

/** Exactly the named entities (built if needed), for `createWriteTransaction`. */
export function entitiesFor<K extends EntityName>(...names: K[]): Pick<GalleryEntities, K> {
  const picked = {} as Pick<GalleryEntities, K>;
  for (const name of names) picked[name] = entity(name);
  return picked;
}

/** All entities in one ElectroDB Service, which checks they agree (tests only: see above). */
export function createGalleryService() {
  return new Service({
    users: entity('users'),
    handles: entity('handles'),
    albums: entity('albums'),
    photos: entity('photos'),
    comments: entity('comments'),
    likes: entity('likes'),
    shareLinks: entity('shareLinks'),
    activity: entity('activity'),
    streamReceipts: entity('streamReceipts'),
  });
}
