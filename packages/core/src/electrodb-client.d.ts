// ElectroDB's own wrapper of a v3 DocumentClient (electrodb/src/client.js; not in its typings).
// electrodb is pinned to an exact version in package.json because this is an internal module;
// tests/electro-client.test.ts checks ElectroDB still takes an instance as already wrapped.
declare module 'electrodb/src/client' {
  import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

  type Call = (params: object, options?: { abortSignal?: AbortSignal }) => { promise(): Promise<unknown> };

  export class DocumentClientV3Wrapper {
    constructor(client: DynamoDBDocumentClient, lib: Readonly<Record<string, unknown>>);
    readonly client: DynamoDBDocumentClient;
    readonly lib: Readonly<Record<string, unknown>>;
    get: Call;
    put: Call;
    update: Call;
    delete: Call;
    batchWrite: Call;
    batchGet: Call;
    scan: Call;
    query: Call;
    transactWrite: Call;
    transactGet: Call;
    createSet(value: unknown): Set<unknown>;
  }

  export function identifyClientVersion(client: unknown): string | undefined;
  export const DocumentClientVersions: { readonly electro: string; readonly v3: string; readonly v2: string };
}
