import { readFileSync } from 'node:fs';
import path from 'node:path';
import { alarmTable } from './alarm-table';

describe('the README alarm table', () => {
  it('is the one generated from scripts/serverless/alarm-rules.json (pnpm alarms:table)', () => {
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    // prettier pads markdown tables: compare cell contents, not spacing.
    const cells = (table: string) =>
      table
        .split('\n')
        .filter((line) => line.startsWith('|') && !/^\|[\s:|-]+\|$/.test(line))
        .map((line) =>
          line
            .split('|')
            .map((cell) => cell.trim())
            .join('|'),
        );
    const expected = cells(alarmTable());
    const start = readme.indexOf('| alarm ');
    expect(start).toBeGreaterThan(0);
    const found = cells(readme.slice(start).split('\n\n')[0] ?? '');
    expect(found).toEqual(expected);
  });
});
