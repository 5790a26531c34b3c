import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';

const SUPERVISOR = path.join(__dirname, '..', 'bin', 'supervise.js');

export interface ManagedProcess {
  name: string;
  pid: number;
  /** Last lines the process printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

// Synchronous last resort: `exit` handlers cannot await. Closing the pipe is
// enough for the supervisor, the kill makes it immediate.
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Resolves once the process is ready to serve; polled until `timeoutMs`. */
  ready: () => Promise<boolean>;
  timeoutMs?: number;
  /** Sees everything the process prints (stdout and stderr), as it arrives. */
  onOutput?: (text: string) => void;
}

/**
 * Starts a long-running emulator under the supervisor (see bin/supervise.js)
 * and waits until `ready()` says it serves. Rejects with its last output if
 * it exits or does not become ready in time.
 */
export async function startProcess(options: StartOptions): Promise<ManagedProcess> {
  const { name, command, args, cwd, env, ready, timeoutMs = 60_000, onOutput } = options;
  const child = spawn(process.execPath, [SUPERVISOR, command, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let tail: string[] = [];
  const collect = (chunk: Buffer) => {
    tail = [...tail, ...chunk.toString().split('\n')].slice(-40);
    onOutput?.(chunk.toString());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.on('exit', () => running.delete(child));

  const managed: ManagedProcess = {
    name,
    pid: child.pid ?? -1,
    output: () => tail.join('\n'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin?.end();
      child.kill('SIGTERM');
      const timer = sleep(8_000, undefined, { ref: false }).then(() => 'timeout' as const);
      if ((await Promise.race([exited, timer])) === 'timeout') child.kill('SIGKILL');
    },
  };

  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${name} exited before it was ready:\n${managed.output()}`);
    if (await ready().catch(() => false)) return managed;
    await sleep(150);
  }
  await managed.stop();
  throw new Error(`${name} was not ready after ${timeoutMs} ms:\n${managed.output()}`);
}

/** True once something answers HTTP on the URL (any status). */
export async function answersHttp(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
  await res.arrayBuffer();
  return true;
}
