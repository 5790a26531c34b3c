// Typed domain errors. Every layer below HTTP throws only these; the HTTP
// layer (@gallery/lambda) maps them to problem+json in one place.

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `title` or `body.visibility`. */
  path: string;
  message: string;
}

abstract class GalleryError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input failed validation; nothing was read or written. */
export class ValidationError extends GalleryError {
  readonly code = 'validation';
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The item does not exist, or is not visible to the caller. */
export class NotFoundError extends GalleryError {
  readonly code = 'not_found';
  constructor(
    readonly entity: string,
    options?: { cause?: unknown },
  ) {
    super(`${entity} not found`, options);
  }
}

/** A uniqueness constraint was hit (handle taken, item already exists). */
export class AlreadyExistsError extends GalleryError {
  readonly code = 'already_exists';
  constructor(
    readonly entity: string,
    options?: { cause?: unknown },
  ) {
    super(`${entity} already exists`, options);
  }
}

/** A conditional write lost a race (version mismatch, concurrent change). */
export class ConflictError extends GalleryError {
  readonly code = 'conflict';
}

/** A pagination cursor was malformed, tampered with, or issued for another list. */
export class InvalidCursorError extends GalleryError {
  readonly code = 'invalid_cursor';
  constructor(options?: { cause?: unknown }) {
    super('Invalid pagination cursor', options);
  }
}

/** The caller may see the item but not change it. */
export class ForbiddenError extends GalleryError {
  readonly code = 'forbidden';
}

/** DynamoDB throttled or was unreachable after the client's retries. */
export class UnavailableError extends GalleryError {
  readonly code = 'unavailable';
}

export type DomainError =
  | ValidationError
  | NotFoundError
  | AlreadyExistsError
  | ConflictError
  | InvalidCursorError
  | ForbiddenError
  | UnavailableError;

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof GalleryError;
}
