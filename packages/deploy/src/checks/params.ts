// Which `${param:...}` a service's configuration reads: its serverless.yml and every file that
// includes through `${file(...)}`, transitively.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Param names read in one file's text. */
export function paramNames(text: string): string[] {
  return [...text.matchAll(/\$\{param:(\w+)/g)].map((match) => match[1] ?? '');
}

/** Files one configuration file includes, as paths relative to it. */
export function includedFiles(text: string): string[] {
  return [...text.matchAll(/\$\{file\(([^)]+)\)/g)].map((match) => (match[1] ?? '').trim());
}

export function paramsRead(serviceDir: string): Set<string> {
  const seen = new Set<string>();
  const names = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const name of paramNames(text)) names.add(name);
    for (const included of includedFiles(text)) visit(path.resolve(path.dirname(file), included));
  };
  visit(path.join(serviceDir, 'serverless.yml'));
  return names;
}
