// The Python tools (moto, cfn-lint) in the project's virtualenv, .ci/.venv, installed from
// .ci/requirements.txt when it is missing or the file changed since. Needs only python3 (with its
// venv module) and PyPI.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PythonTools {
  python: string;
  venv: string;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

export function ensurePythonTools(root: string, log: (line: string) => void): PythonTools {
  const venv = path.join(root, '.ci', '.venv');
  const python = path.join(venv, 'bin', 'python');
  const requirements = path.join(root, '.ci', 'requirements.txt');
  // The same stamp .ci/run writes: the requirements the virtualenv was last installed from.
  const stamp = path.join(venv, '.requirements');
  const wanted = readFileSync(requirements, 'utf8');
  if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted)
    return { python, venv };
  log(
    `installing ${path.relative(root, requirements)} into ${path.relative(root, venv)} (once, about a minute)`,
  );
  if (!existsSync(python)) {
    try {
      run('python3', ['-m', 'venv', venv]);
    } catch (error) {
      throw new Error(
        `${String(error)}: Python 3 with its venv module is needed (Debian/Ubuntu: apt-get install python3-venv)`,
      );
    }
  }
  run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
  writeFileSync(stamp, wanted);
  return { python, venv };
}
