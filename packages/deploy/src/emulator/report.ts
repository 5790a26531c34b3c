// The tables the emulator deploy prints at the end. Pure.

import type { TypeTally } from '../checks/inventory';
import type { Finding } from '../checks/model';

export interface PhaseResult {
  name: string;
  seconds: number;
  ok: boolean;
  detail: string;
}

/** Text columns (the first and any listed in `left`) are left-aligned, numbers right-aligned. */
function table(header: string[], rows: string[][], left: number[] = []): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || left.includes(column)
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function phasesTable(phases: PhaseResult[]): string {
  return table(
    ['phase', 'seconds', 'result'],
    phases.map((phase) => [
      phase.name,
      phase.seconds.toFixed(0),
      `${phase.ok ? 'ok' : 'FAILED'}  ${phase.detail}`,
    ]),
    [2],
  );
}

const dash = (count: number) => (count === 0 ? '-' : String(count));

export function resourcesTable(tallies: TypeTally[], wiring: Finding[]): string {
  const rows = tallies.map((entry) => [
    entry.type,
    String(entry.declared),
    dash(entry.created),
    dash(entry.checkedApi),
    dash(entry.checkedTemplate),
    entry.failed === 0 ? '-' : `${entry.failed} FAILED`,
    dash(entry.notEmulated),
  ]);
  const wires = new Set(wiring.map((finding) => finding.subject));
  const badWires = new Set(wiring.filter((finding) => !finding.ok).map((finding) => finding.subject));
  rows.push([
    'compose wires and params',
    String(wires.size),
    '',
    dash(wires.size - badWires.size),
    '',
    badWires.size === 0 ? '-' : `${badWires.size} FAILED`,
    '',
  ]);
  const notes = tallies
    .filter((entry) => entry.ignoredProperties.length > 0)
    .map((entry) => `  ${entry.type}: ${entry.ignoredProperties.join(', ')}`);
  return [
    table(
      [
        'resource type',
        'declared',
        'created',
        'checked (API)',
        'checked (template)',
        'failed',
        'not emulated',
      ],
      rows,
    ),
    '',
    'Not emulated: whole resources in the last column (moto skips the type: read from the deployed template);',
    'properties moto ignores on resources it creates (read from the deployed template):',
    ...notes,
  ].join('\n');
}
