// The API's OpenAPI 3.1 document, built from the route contracts the handlers validate with. Served
// by GET /v1/openapi.json and written to docs/openapi.json by `pnpm openapi`.
import { buildOpenApiDocument, type RouteContract } from '@gallery/lambda/openapi';
import * as activity from './contracts/activity';
import * as albums from './contracts/albums';
import * as comments from './contracts/comments';
import * as likes from './contracts/likes';
import * as me from './contracts/me';
import * as meta from './contracts/meta';
import * as photos from './contracts/photos';
import * as shares from './contracts/shares';
import * as users from './contracts/users';

/** Every route contract: each `...Route` export of the contract modules. */
export const routes: RouteContract[] = [
  activity,
  albums,
  comments,
  likes,
  me,
  meta,
  photos,
  shares,
  users,
].flatMap((module) =>
  Object.entries(module)
    .filter(([name]) => name.endsWith('Route'))
    .map(([, route]) => route as RouteContract),
);

export const API_INFO = {
  title: 'Gallery API',
  version: '1.0.0',
  description:
    'Photo albums, uploads, likes, comments and share links. Errors are application/problem+json ' +
    '(RFC 9457). Lists take `limit` and `cursor` and return `{ items, cursor }`.',
};

let document: Record<string, unknown> | undefined;

export function apiDocument(): Record<string, unknown> {
  document ??= buildOpenApiDocument(API_INFO, routes);
  return document;
}
