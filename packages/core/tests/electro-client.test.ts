// ElectroDB is handed a client it already wrapped (client.ts says why). That relies on a module
// outside ElectroDB's typings, so this pins down what the data layer depends on.
import './unit-env';
import { DocumentClientVersions, identifyClientVersion } from 'electrodb/src/client';
import { docClient, ELECTRODB_COMMANDS, electroClient } from '../src/client';
import { entities } from '../src/entities/service';

describe('electroClient', () => {
  it('is taken by ElectroDB as already wrapped, over the process-wide DocumentClient', () => {
    expect(identifyClientVersion(electroClient())).toBe(DocumentClientVersions.electro);
    expect(electroClient().client).toBe(docClient());
    expect(electroClient()).toBe(electroClient());
  });

  it('builds commands from the ones the data layer imports, and never a Scan', async () => {
    expect(electroClient().lib).toBe(ELECTRODB_COMMANDS);
    expect(Object.keys(ELECTRODB_COMMANDS)).not.toContain('ScanCommand');
    await expect(electroClient().scan({ TableName: 't' }).promise()).rejects.toThrow(/not a constructor/);
  });

  it('is the client every entity sends through', () => {
    const all = Object.values(entities()) as unknown as { client: unknown }[];
    expect(all).toHaveLength(9);
    for (const built of all) expect(built.client).toBe(electroClient());
  });
});
