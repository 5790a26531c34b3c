import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// media cannot take the shared esbuild block whole (it adds sharp as an external module), so its
// serverless.yml names the shared settings one by one. A setting added to the shared block and
// not named here would silently be missing from the thumbnail bundle. (CloudFormation tags such as
// !Ref are not YAML the parser knows: silent, not strict.)
const esbuildOf = (file: string) =>
  parse(readFileSync(path.join(__dirname, file), 'utf8'), { logLevel: 'silent', strict: false }) as {
    esbuild?: Record<string, unknown>;
    custom?: { esbuild?: Record<string, unknown> };
  };

describe("media's esbuild settings", () => {
  const shared = esbuildOf('../../serverless.shared.yml').esbuild ?? {};
  const media = esbuildOf('../serverless.yml').custom?.esbuild ?? {};

  it('name every shared setting, from the shared file', () => {
    expect(Object.keys(shared)).toEqual(expect.arrayContaining(['minify', 'target', 'mainFields']));
    const notFromShared = Object.keys(shared).filter(
      (key) => media[key] !== `\${file(../serverless.shared.yml):esbuild.${key}}`,
    );
    expect(notFromShared).toEqual([]);
  });

  it('add only the sharp install on top of them', () => {
    expect(Object.keys(media).filter((key) => !(key in shared))).toEqual(['external', 'installExtraArgs']);
  });
});
