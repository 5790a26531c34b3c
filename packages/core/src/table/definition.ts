// The table's shape lives in table.json (single source of truth for the data
// service's CloudFormation, the local harness and these ElectroDB indexes).
// Entities take key attribute names from here, never from string literals.
import table from './table.json';

export const tableDefinition = table;

type IndexName = 'gsi1' | 'gsi2' | 'gsi3';

function keyOf(
  schema: readonly { AttributeName: string; KeyType: string }[],
  type: 'HASH' | 'RANGE',
): string {
  const key = schema.find((k) => k.KeyType === type);
  if (!key) throw new Error(`table.json: key schema has no ${type} key`);
  return key.AttributeName;
}

function gsi(name: IndexName): { index: IndexName; pk: string; sk: string } {
  const index = table.GlobalSecondaryIndexes.find((i) => i.IndexName === name);
  if (!index) throw new Error(`table.json: no global secondary index ${name}`);
  return { index: name, pk: keyOf(index.KeySchema, 'HASH'), sk: keyOf(index.KeySchema, 'RANGE') };
}

/** Key attribute names of the table and of each GSI, as declared in table.json. */
export const keys = {
  table: { pk: keyOf(table.KeySchema, 'HASH'), sk: keyOf(table.KeySchema, 'RANGE') },
  gsi1: gsi('gsi1'),
  gsi2: gsi('gsi2'),
  gsi3: gsi('gsi3'),
} as const;

/** The table's TTL attribute (ShareLink expiry). */
export const ttlAttribute = table.TimeToLiveAttribute;

/** Table name from the runtime environment (same variable on AWS and locally). */
export function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
}
