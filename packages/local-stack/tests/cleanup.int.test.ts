import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

async function reachable(url: string): Promise<boolean> {
  try {
    await (await fetch(url, { signal: AbortSignal.timeout(500) })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

const children: ChildProcess[] = [];
afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

async function startStackInChild(): Promise<{ pid: number; endpoints: Record<string, string> }> {
  // Loaded with tsx's require hook rather than its CLI (which would add a
  // parent process), so the signal reaches the harness itself.
  const child = spawn(
    process.execPath,
    ['--require', 'tsx/cjs', path.join(__dirname, 'fixtures', 'start-stack.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith('{')) return { pid: child.pid ?? -1, endpoints: JSON.parse(line) };
  }
  throw new Error('the stack did not start');
}

describe('emulator clean-up', () => {
  it.each(['SIGKILL', 'SIGINT'] as const)(
    'leaves no emulator running after the harness dies by %s',
    async (signal) => {
      const { pid, endpoints } = await startStackInChild();
      const urls = Object.values(endpoints);
      expect(await Promise.all(urls.map(reachable))).toEqual([true, true, true]);

      process.kill(pid, signal);

      const deadline = Date.now() + 15_000;
      let still = urls;
      while (still.length > 0 && Date.now() < deadline) {
        await sleep(250);
        const up = await Promise.all(still.map(reachable));
        still = still.filter((_, i) => up[i]);
      }
      expect(still).toEqual([]);
    },
  );
});
