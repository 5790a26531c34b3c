'use strict';
// Runs one emulator as a child and guarantees it dies with the harness.
// The harness holds our stdin open; if the harness process dies for any
// reason (even SIGKILL), stdin reaches EOF and we take the emulator down with
// us, so no java or node process is ever orphaned.
const { spawn } = require('node:child_process');

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
  // Java can take a moment to exit on SIGTERM; never wait forever.
  setTimeout(() => child.kill('SIGKILL'), 3000).unref();
}

process.stdin.on('end', () => stop('SIGTERM'));
process.stdin.on('error', () => stop('SIGTERM'));
process.stdin.resume();
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (err) => {
  console.error(`supervise: cannot start ${command}: ${err.message}`);
  process.exit(127);
});
