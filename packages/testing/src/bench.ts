// What every benchmark shares: statistics, progress lines, the machine line, and the writer of its
// section of docs/performance.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const DOC = path.join(REPO_ROOT, 'docs/performance.md');

export const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
export const median = (xs: readonly number[]): number => quantile(xs, 0.5);
export const ms = (x: number, digits = 2): string => x.toFixed(digits);

/** One-line progress on a terminal; one line per update in a log file. */
export function progress(text: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K${text}`);
  else process.stdout.write(`${text}\n`);
}
export function progressDone(): void {
  if (process.stdout.isTTY) process.stdout.write('\n');
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Replaces (or appends) the section between `<!-- name-bench:start -->` and `<!-- name-bench:end -->`. */
export function writeSection(name: string, section: string): void {
  const start = `<!-- ${name}-bench:start -->`;
  const end = `<!-- ${name}-bench:end -->`;
  const block = `${start}\n${section.trim()}\n${end}`;
  const existing = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Performance\n';
  const next =
    existing.includes(start) && existing.includes(end)
      ? existing.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block)
      : `${existing.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, next);
  console.log(`Wrote the ${name}-bench section of ${path.relative(REPO_ROOT, DOC)}`);
}

export function table(header: string[], rows: (string | number)[][], align?: ('l' | 'r')[]): string {
  const sep = header.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * Handler output (a JSON log line per rejected request, an EMF metrics line per invocation, WARN and
 * ERROR lines on stderr) would drown the progress output.
 */
export function silenceHandlerLogs(): () => void {
  const restore = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string' && chunk.startsWith('{"')) return true;
      return (write as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
    return () => {
      stream.write = write;
    };
  });
  return () => {
    for (const undo of restore) undo();
  };
}
