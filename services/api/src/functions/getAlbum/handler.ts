import { authenticate } from '@gallery/lambda/auth';
import { httpHandler, type PureHttpHandler } from '@gallery/lambda/http';
import type * as z from '@gallery/core/zod';
import { getAlbumRoute as route } from '../../contracts/albums';
import type { AlbumView } from '../../contracts/common';
import { callerId } from '../../lib/caller';
import { readableAlbum } from '../../lib/visibility';
import { albumView } from '../../lib/views';

type Params = z.output<typeof route.params>;

/** GET /v1/albums/{albumId}: one GetItem; someone else's private album is 404. */
export const getAlbum: PureHttpHandler<Params, undefined, undefined, AlbumView> = async (request) => {
  const caller = callerId(request.principal);
  return { statusCode: 200, body: albumView(await readableAlbum(request.params.albumId, caller), caller) };
};

export const handler = httpHandler({ authenticate, params: route.params }, getAlbum);
