// Writes counted from a table's stream: every record is one write of its item, and, per global
// secondary index, zero, one or two writes of the index (DynamoDB writes an index copy when an
// item enters or leaves the index, or when a projected attribute of an indexed item changes; a key
// change is a delete plus a put). Used by the hot-key benchmark to find the hottest item and the
// hottest index partition.
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

export interface IndexShape {
  IndexName: string;
  KeySchema: { AttributeName: string; KeyType: string }[];
  Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
}

type Image = Record<string, AttributeValue>;

const key = (image: Image | undefined, names: string[]): string | undefined => {
  if (!image) return undefined;
  const parts = names.map((name) => image[name]);
  return parts.every((p) => p !== undefined) ? JSON.stringify(parts) : undefined;
};

/** The index's partition value an image sits in, if the image carries the index's keys. */
function partitionOf(image: Image | undefined, index: IndexShape): string | undefined {
  const names = index.KeySchema.map((k) => k.AttributeName);
  if (key(image, names) === undefined) return undefined;
  const hash = index.KeySchema.find((k) => k.KeyType === 'HASH')?.AttributeName ?? '';
  return JSON.stringify(image?.[hash]);
}

function projectedChanged(old: Image, next: Image, index: IndexShape, tableKeys: string[]): boolean {
  const projected =
    index.Projection.ProjectionType === 'ALL'
      ? [...new Set([...Object.keys(old), ...Object.keys(next)])]
      : [
          ...tableKeys,
          ...index.KeySchema.map((k) => k.AttributeName),
          ...(index.Projection.ProjectionType === 'INCLUDE' ? (index.Projection.NonKeyAttributes ?? []) : []),
        ];
  return projected.some((name) => JSON.stringify(old[name]) !== JSON.stringify(next[name]));
}

/** The index partitions one stream record wrote, with how many writes each (1, or 2 for a move within one partition). */
export function indexWrites(
  record: DynamoDBRecord,
  index: IndexShape,
  tableKeys: string[],
): Map<string, number> {
  const writes = new Map<string, number>();
  const add = (partition: string | undefined) => {
    if (partition !== undefined) writes.set(partition, (writes.get(partition) ?? 0) + 1);
  };
  const old = record.dynamodb?.OldImage as Image | undefined;
  const next = record.dynamodb?.NewImage as Image | undefined;
  const names = index.KeySchema.map((k) => k.AttributeName);
  const oldKey = key(old, names);
  const newKey = key(next, names);
  if (oldKey !== undefined && newKey !== undefined && oldKey === newKey) {
    if (projectedChanged(old as Image, next as Image, index, tableKeys)) add(partitionOf(next, index));
  } else {
    if (oldKey !== undefined) add(partitionOf(old, index));
    if (newKey !== undefined) add(partitionOf(next, index));
  }
  return writes;
}

export interface WriteTally {
  /** Writes per item (`pk|sk`). */
  items: Map<string, number>;
  /** Writes per index partition (`gsi1 <partition value>`). */
  partitions: Map<string, number>;
}

export function tallyWrites(
  records: readonly DynamoDBRecord[],
  indexes: readonly IndexShape[],
  tableKeys: string[],
): WriteTally {
  const items = new Map<string, number>();
  const partitions = new Map<string, number>();
  for (const record of records) {
    const item = (record.dynamodb?.Keys ?? {}) as Image;
    const id = tableKeys.map((name) => item[name]?.S ?? JSON.stringify(item[name])).join('|');
    items.set(id, (items.get(id) ?? 0) + 1);
    for (const index of indexes) {
      for (const [partition, n] of indexWrites(record, index, tableKeys)) {
        const name = `${index.IndexName} ${partition}`;
        partitions.set(name, (partitions.get(name) ?? 0) + n);
      }
    }
  }
  return { items, partitions };
}

/** The entry with the most writes (and the count). */
export function hottest(
  counts: Map<string, number>,
  filter: (name: string) => boolean = () => true,
): [string, number] {
  let best: [string, number] = ['(none)', 0];
  for (const [name, n] of counts) if (filter(name) && n > best[1]) best = [name, n];
  return best;
}
