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

  it('every key attribute is declared as a string and every GSI projects ALL', () => {
    const types = Object.fromEntries(
      tableDefinition.AttributeDefinitions.map((a) => [a.AttributeName, a.AttributeType]),
    );
    for (const { pk, sk } of declared.values()) {
      expect(types[pk]).toBe('S');
      if (sk) expect(types[sk]).toBe('S');
    }
    for (const gsi of tableDefinition.GlobalSecondaryIndexes)
      expect(gsi.Projection.ProjectionType).toBe('ALL');
    expect(keys.gsi3).toEqual({ index: 'gsi3', pk: 'gsi3pk', sk: 'gsi3sk' });
    expect(tableDefinition.TimeToLiveAttribute).toBe('ttl');
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
