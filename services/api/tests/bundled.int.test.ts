// The other tests run the TypeScript sources; Lambda runs esbuild bundles, built with options that
// change what code is in them (services/serverless.shared.yml: the credentials alias, and the
// plugin that gives ElectroDB's require of @aws-sdk/lib-dynamodb an empty stand-in). This test
// bundles the data layer exactly that way and runs every kind of request it makes against
// DynamoDB Local: if ElectroDB ever built a command from its own copy of the library, the
// stand-in would throw here.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { deployBuildOptions } from '@gallery/lambda/deploy-build';
import { SERVICE_DIR } from './support';

type Entry = typeof import('./bundled/entry');

let dir: string;
let bundle: { text: string; module: Entry };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gallery-bundled-'));
  const outfile = path.join(dir, 'entry.js');
  const options = deployBuildOptions(SERVICE_DIR);
  expect(options.plugins?.map((plugin) => plugin.name)).toEqual([
    'electrodb-without-lib-dynamodb',
    'electrodb-without-jsonschema',
  ]);
  const result = await build({
    ...options,
    entryPoints: [path.join(__dirname, 'bundled/entry.ts')],
    outfile,
    write: true,
  });
  expect(result.errors).toEqual([]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built bundle, as Lambda does
  bundle = { text: readFileSync(outfile, 'utf8'), module: require(outfile) as Entry };
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the data layer, bundled with the deploy options', () => {
  it('serves transactions, updates and reads through ElectroDB and the DocumentClient', async () => {
    const userId = `bundled-${randomUUID()}`;
    const handle = `b_${randomBytes(6).toString('hex')}`;
    const result = await bundle.module.run(userId, handle);
    expect(result).toEqual({
      serviceEntities: ['albums', 'comments', 'handles', 'likes', 'photos', 'shareLinks', 'users'],
      renamed: 'Renamed',
      marked: ['updated', 'unchanged'],
      caption: 'hi',
      liked: true,
      likeCount: 1,
      readCaption: 'hi',
      albumIds: [result.albumId],
      albumId: expect.any(String),
      displayName: 'Bundled too',
      photoCountAfterDelete: 0,
    });
  });

  it('leaves out the DynamoDB operations nothing uses', () => {
    // Checked by name, not with toContain, so a failure does not print a 500 KB bundle.
    const present = (name: string) => bundle.text.includes(`"${name}"`);
    // Kept: what the layer sends.
    expect(['TransactWriteItems', 'UpdateItem', 'GetItem', 'Query'].filter((op) => !present(op))).toEqual([]);
    // Gone with ElectroDB's require of the whole library.
    expect(
      ['ExecuteStatement', 'CreateBackup', 'RestoreTableFromBackup', 'DescribeExport'].filter(present),
    ).toEqual([]);
  });
});
