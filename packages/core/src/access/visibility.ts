import { ForbiddenError, NotFoundError } from '../errors';

/**
 * A caller who is not the owner learns nothing about a private album (404),
 * and is told "not yours" (403) only for what they may see (public albums).
 */
export function notOwnerError(entity: string, visibility: string | undefined): Error {
  return visibility === 'public'
    ? new ForbiddenError(`This ${entity.toLowerCase()} belongs to someone else`)
    : new NotFoundError(entity);
}
