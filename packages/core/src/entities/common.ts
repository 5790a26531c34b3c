// Attribute definitions shared by entities. Timestamps are ISO-8601 strings in
// UTC, so they sort lexicographically in keys.

export const SERVICE = 'gallery';

export const now = (): string => new Date().toISOString();

export const createdAt = {
  type: 'string',
  required: true,
  readOnly: true,
  default: now,
} as const;

export const updatedAt = {
  type: 'string',
  required: true,
  default: now,
  // Every write touches it, counters included: it is "last change", not "last edit" (except a
  // photo's stream-maintained likeCount/commentCount: see photo.ts).
  watch: '*',
  // Keep a value the layer chose (so a create returns exactly what it stored).
  set: (value?: string) => value ?? now(),
} as const;

/** Optimistic concurrency counter, incremented by every read-modify-write edit. */
export const version = { type: 'number', required: true, default: 1 } as const;

export const counter = { type: 'number', required: true, default: 0 } as const;
