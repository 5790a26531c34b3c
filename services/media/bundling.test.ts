import { readFileSync } from 'node:fs';
import path from 'node:path';

// media cannot take the shared esbuild block whole (it adds sharp as an external module), so its
// serverless.yml names the shared settings one by one. A setting added to the shared block and
// not named here would silently be missing from the thumbnail bundle.
const read = (file: string) => readFileSync(path.join(__dirname, file), 'utf8');

/** The keys directly under a two-space-indented `esbuild:` block of a YAML file. */
function esbuildKeys(yaml: string, indent: string): string[] {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line === `${indent}esbuild:`);
  expect(start).toBeGreaterThanOrEqual(0);
  const keys: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = new RegExp(`^${indent}  ([A-Za-z]+):`).exec(line);
    if (match?.[1]) keys.push(match[1]);
    else if (!line.startsWith(`${indent}    `)) break;
  }
  return keys;
}

describe("media's esbuild settings", () => {
  const shared = esbuildKeys(read('../serverless.shared.yml'), '');
  const media = read('serverless.yml');

  it('name every shared setting, from the shared file', () => {
    expect(shared).toEqual(expect.arrayContaining(['minify', 'target', 'mainFields', 'alias']));
    const missing = shared.filter(
      (key) => !media.includes(`    ${key}: \${file(../serverless.shared.yml):esbuild.${key}}`),
    );
    expect(missing).toEqual([]);
  });

  it('add only the sharp install on top of them', () => {
    const own = esbuildKeys(media, '  ').filter((key) => !shared.includes(key));
    expect(own).toEqual(['external', 'installExtraArgs']);
  });
});
