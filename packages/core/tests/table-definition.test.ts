// The ElectroDB indexes, table.json and the CloudFormation/harness tables must
// agree; this side checks ElectroDB against table.json (the integration test
// checks the live harness table).
import './unit-env';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createGalleryService } from '../src/entities/service';
import { keys, tableDefinition } from '../src/table/definition';

interface IndexSchema {
  index?: string;
  pk: { field: string };
  sk?: { field: string };
}

describe('table definition', () => {
  const declared = new Map<string, { pk: string; sk?: string }>([
    [
      '',
      { pk: tableDefinition.KeySchema[0]!.AttributeName, sk: tableDefinition.KeySchema[1]!.AttributeName },
    ],
    ...tableDefinition.GlobalSecondaryIndexes.map(
      (g) => [g.IndexName, { pk: g.KeySchema[0]!.AttributeName, sk: g.KeySchema[1]?.AttributeName }] as const,
    ),
  ]);

  it('every ElectroDB index names a table.json index and its exact key attributes', () => {
    for (const [name, entity] of Object.entries(createGalleryService().entities)) {
      const indexes = (entity.schema as unknown as { indexes: Record<string, IndexSchema> }).indexes;
      for (const [accessPattern, index] of Object.entries(indexes)) {
        const table = declared.get(index.index ?? '');
        expect({ entity: name, accessPattern, table: table ? 'found' : 'missing' }).toEqual({
          entity: name,
          accessPattern,
          table: 'found',
        });
        expect({ pk: index.pk.field, sk: index.sk?.field }).toEqual(table);
      }
    }
  });

  it('every key attribute is declared as a string', () => {
    const types = Object.fromEntries(
      tableDefinition.AttributeDefinitions.map((a) => [a.AttributeName, a.AttributeType]),
    );
    for (const { pk, sk } of declared.values()) {
      expect(types[pk]).toBe('S');
      if (sk) expect(types[sk]).toBe('S');
    }
    expect(keys.gsi3).toEqual({ index: 'gsi3', pk: 'gsi3pk', sk: 'gsi3sk' });
    expect(tableDefinition.TimeToLiveAttribute).toBe('ttl');
  });

  it("gsi1 and gsi3 project ALL; gsi2 every attribute its entities have except a photo's stream-maintained counters", () => {
    const projection = (name: string) =>
      tableDefinition.GlobalSecondaryIndexes.find((g) => g.IndexName === name)?.Projection as {
        ProjectionType: string;
        NonKeyAttributes?: string[];
      };
    expect(projection('gsi1')).toEqual({ ProjectionType: 'ALL' });
    expect(projection('gsi3')).toEqual({ ProjectionType: 'ALL' });
    // An attribute added to an album or a photo fails here until gsi2 projects it (or is meant not to).
    const onGsi2 = Object.values(createGalleryService().entities).filter((entity) =>
      Object.values((entity.schema as unknown as { indexes: Record<string, IndexSchema> }).indexes).some(
        (index) => index.index === 'gsi2',
      ),
    );
    const attributes = new Set(['__edb_e__', '__edb_v__']);
    for (const entity of onGsi2) {
      for (const name of Object.keys((entity.schema as unknown as { attributes: object }).attributes)) {
        attributes.add(name);
      }
    }
    attributes.delete('likeCount');
    attributes.delete('commentCount');
    // The id of the API request that wrote an item is for log correlation only: never read back.
    attributes.delete('requestId');
    expect(projection('gsi2').ProjectionType).toBe('INCLUDE');
    expect([...(projection('gsi2').NonKeyAttributes ?? [])].sort()).toEqual([...attributes].sort());
  });
});

describe('no Scan in product code', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return sources(file);
      return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
    });
  }

  it('never calls scan/find/match (ElectroDB) or ScanCommand', () => {
    const offenders = sources(path.join(__dirname, '../src')).filter((file) =>
      /\.(find|match)\s*\(\s*\{|\.scan\b|new\s+ScanCommand\b|import\s*\{[^}]*\bScanCommand\b/.test(
        readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, ''),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
