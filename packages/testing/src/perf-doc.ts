// docs/performance.md holds one section per benchmark between `<!-- <name>-bench:start -->` and
// `<!-- <name>-bench:end -->`: a run replaces its own section and leaves the others as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PERFORMANCE_DOC = path.resolve(__dirname, '..', '..', '..', 'docs', 'performance.md');

/** `existing` with the section `name` replaced by `section` (appended when it has none). Pure. */
export function withSection(existing: string, name: string, section: string): string {
  const start = `<!-- ${name}-bench:start -->`;
  const end = `<!-- ${name}-bench:end -->`;
  const block = `${start}\n${section}\n${end}`;
  return existing.includes(start) && existing.includes(end)
    ? existing.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block)
    : `${existing.trimEnd()}\n\n${block}\n`;
}

/** Writes the section `name` of docs/performance.md. */
export function writePerformanceSection(name: string, section: string, file = PERFORMANCE_DOC): void {
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  writeFileSync(file, withSection(existing, name, section));
}
