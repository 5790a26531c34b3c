// Every route contract of the api service: each `...Route` export of the contract modules. The
// serverless plugin that writes the functions' httpApi events (scripts/serverless/http-routes.js),
// the local HTTP server and the OpenAPI document all read this list.
import type { RouteContract } from '@gallery/lambda/route';
import * as account from './contracts/account';
import * as activity from './contracts/activity';
import * as albums from './contracts/albums';
import * as comments from './contracts/comments';
import * as likes from './contracts/likes';
import * as me from './contracts/me';
import * as meta from './contracts/meta';
import * as photos from './contracts/photos';
import * as shares from './contracts/shares';
import * as users from './contracts/users';

export const routes: RouteContract[] = [
  account,
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
