import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const esbuildOf = (service: string) =>
  (
    parse(readFileSync(path.join(__dirname, '../..', service, 'serverless.yml'), 'utf8'), {
      logLevel: 'silent',
      strict: false,
    }) as { custom?: { esbuild?: Record<string, unknown> } }
  ).custom?.esbuild;

// The renderer bundles sharp exactly as media's thumbnail function does (media's bundling test
// checks that block against the shared settings): one rendering stack, one way to ship it. Only its
// `define` differs: Lambda@Edge takes no environment, so what the observability chain reads of it is
// defined at build time (scripts/observability.test.ts checks both).
it("bundles with media's esbuild settings", () => {
  const { define: _edge, ...edge } = esbuildOf('edge') ?? {};
  const { define: _media, ...media } = esbuildOf('media') ?? {};
  expect(edge).toEqual(media);
});
