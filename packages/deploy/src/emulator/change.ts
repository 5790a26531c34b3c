// The one-line change of the update phase: a line appended to the api's health handler, which
// changes that function's bundle and nothing else. The file is restored afterwards, also when the
// run is interrupted.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CHANGE = {
  service: 'api',
  /** The logical id of the function whose code changes. */
  functionId: 'HealthLambdaFunction',
  file: 'services/api/src/functions/health/handler.ts',
};

/** Appends the line; returns the function that puts the file back as it was. */
export function applyChange(root: string): () => void {
  const file = path.join(root, CHANGE.file);
  if (!existsSync(file)) throw new Error(`the update phase changes ${CHANGE.file}, which no longer exists`);
  const original = readFileSync(file, 'utf8');
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    writeFileSync(file, original);
    process.off('exit', restore);
  };
  // `exit` runs for a normal end and for the signal handlers of main.ts.
  process.on('exit', restore);
  writeFileSync(file, `${original}export const deployedAt = '${new Date().toISOString()}';\n`);
  return restore;
}
