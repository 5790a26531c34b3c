// Integration helpers: each test file provisions its own table (from
// table.json, through the harness) on the shared DynamoDB Local, so files run
// in parallel without seeing each other's items. Entities bind to TABLE_NAME
// on first use, which happens after this beforeAll.
import { randomUUID } from 'node:crypto';
import { createTable, deleteTable } from '@gallery/local-stack/provision';

export function useOwnTable(label: string): void {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: run through the integration project');
  const tableName = `core-${label}-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    await createTable({ endpoint, tableName });
    process.env.TABLE_NAME = tableName;
  });
  afterAll(async () => {
    await deleteTable({ endpoint, tableName });
  });
}

export function uniqueUserId(prefix = 'u'): string {
  return `${prefix}-${randomUUID()}`;
}

export function uniqueHandle(): string {
  return `h_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}
