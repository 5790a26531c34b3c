// Runs the real osls compose CLI (`osls-compose`) against the emulator and shows, per stack, the
// lines that say what happened to it; everything it prints goes to the log file.

import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';

export interface ComposeRun {
  code: number;
  /** Everything compose printed. */
  output: string;
  /** What compose said about each service: its last progress line. */
  outcomes: Map<string, string>;
}

// Compose prefixes each line with the service; these say what happened to the stack.
const PROGRESS =
  /^(\S+) › ((?:✔|×) .*|No changes to deploy\..*|(?:deployed|no changes|removed|skipped|error)$)/;
const ERROR_DETAIL = /^(\S+) › (Error:|.*(?:Exception|failed|not exist|invalid|cannot).*)$/i;

/** Runs `osls-compose` (this repository's) in `cwd`, the folder of the compose file. */
export function runCompose(
  root: string,
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  print: (service: string, message: string) => void,
): Promise<ComposeRun> {
  const outcomes = new Map<string, string>();
  appendFileSync(logFile, `\n$ osls-compose ${args.join(' ')}\n`);
  const child = spawn(path.join(root, 'node_modules', '.bin', 'osls-compose'), args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Compose does the same for the osls processes it starts: none outlives this one.
  const stop = () => child.kill('SIGTERM');
  process.on('exit', stop);
  let pending = '';
  let output = '';
  const failing = new Set<string>();
  const onText = (chunk: Buffer) => {
    appendFileSync(logFile, chunk);
    output += chunk.toString();
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.map((text) => text.trimEnd())) {
      const progress = PROGRESS.exec(line);
      if (progress) {
        const [, service = '', message = ''] = progress;
        outcomes.set(service, message);
        if (message.startsWith('×')) failing.add(service);
        if (/^[✔×]|^No changes/.test(message)) print(service, message);
        continue;
      }
      const detail = ERROR_DETAIL.exec(line);
      if (detail && failing.has(detail[1] ?? '')) print(detail[1] ?? '', `  ${detail[2]}`);
    }
  };
  child.stdout.on('data', onText);
  child.stderr.on('data', onText);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      process.off('exit', stop);
      resolve({ code: code ?? 1, output, outcomes });
    });
  });
}
