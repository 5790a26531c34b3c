// The other tests run the TypeScript sources; Lambda runs esbuild bundles, built with options that
// change what code is in them (services/serverless.shared.yml: the credentials alias, and the
// plugins that give ElectroDB's requires of @aws-sdk/lib-dynamodb and jsonschema stand-ins). This
// test bundles the data layer exactly that way and runs the bundle in a plain `node` process, as
// Lambda would, against DynamoDB Local: if ElectroDB ever built a command from its own copy of
// the library, or told an entity from a model wrongly, it would fail here.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { deployBuildOptions } from '@gallery/testing/deploy-build';
import { createTable, deleteTable } from '@gallery/local-stack/provision';
import { SERVICE_DIR } from './support';

const run = promisify(execFile);
let dir: string;
let outfile: string;
// A table of its own: no stream consumer runs on it, so counters move only by what the bundle does.
const tableName = `bundled-${randomUUID().slice(0, 8)}`;
const endpoint = () => process.env.DYNAMODB_ENDPOINT as string;

beforeAll(async () => {
  await createTable({ endpoint: endpoint(), tableName });
  dir = mkdtempSync(path.join(os.tmpdir(), 'gallery-bundled-'));
  outfile = path.join(dir, 'entry.js');
  const options = deployBuildOptions(SERVICE_DIR);
  expect(options.plugins?.map((plugin) => plugin.name)).toEqual([
    'electrodb-without-lib-dynamodb',
    'electrodb-without-jsonschema',
  ]);
  const result = await build({
    ...options,
    entryPoints: [path.join(__dirname, 'bundled/entry.ts')],
    outfile,
  });
  expect(result.errors).toEqual([]);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await deleteTable({ endpoint: endpoint(), tableName });
});

describe('the data layer, bundled with the deploy options', () => {
  it('serves transactions, updates and reads of every entity through ElectroDB and the DocumentClient', async () => {
    const userId = `bundled-${randomUUID()}`;
    const handle = `b_${randomBytes(6).toString('hex')}`;
    // The harness's settings (DYNAMODB_ENDPOINT, TABLE_NAME, credentials) are in this process's env.
    const { stdout } = await run(process.execPath, [outfile, userId, handle], {
      env: { ...process.env, TABLE_NAME: tableName },
    });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toEqual({
      serviceEntities: [
        'activity',
        'albums',
        'comments',
        'handles',
        'likes',
        'photos',
        'shareLinks',
        'streamReceipts',
        'users',
      ],
      renamed: 'Renamed',
      marked: ['updated', 'unchanged'],
      caption: 'hi',
      liked: true,
      // The like request writes only the Like item; the count is the stream's to apply.
      likeCount: 0,
      handles: [handle],
      applied: [1, 1],
      activityLikes: [1],
      countedLikes: 1,
      forgotten: [0, 0],
      commentIds: [result.commentId],
      commentId: expect.any(String),
      sharedAlbumId: result.albumId,
      readCaption: 'hi',
      albumIds: [result.albumId],
      albumId: expect.any(String),
      displayName: 'Bundled too',
      photoCountAfterDelete: 0,
    });
  });

  it('leaves out the DynamoDB operations nothing uses, and the model validator', () => {
    const text = readFileSync(outfile, 'utf8');
    // Checked by name, not with toContain, so a failure does not print a 500 KB bundle.
    const present = (name: string) => text.includes(name);
    // Kept: what the layer sends.
    expect(
      [
        '"TransactWriteItems"',
        '"UpdateItem"',
        '"GetItem"',
        '"Query"',
        '"BatchGetItem"',
        '"BatchWriteItem"',
      ].filter((op) => !present(op)),
    ).toEqual([]);
    // Gone with ElectroDB's require of the whole library, and with jsonschema.
    const gone = [
      '"ExecuteStatement"',
      '"CreateBackup"',
      '"RestoreTableFromBackup"',
      '"DescribeExport"',
      'jsonschema',
    ];
    expect(gone.filter(present)).toEqual([]);
  });
});
