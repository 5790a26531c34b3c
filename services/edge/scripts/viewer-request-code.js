'use strict';
// Builds the CloudFront Function's code from src/viewer-request/handler.ts: one minified script
// that defines a global `handler(event)`, in the syntax cloudfront-js-2.0 runs, at most 10 KB
// (CloudFront's limit on a function's code). Fails the build instead of deploying a function that
// CloudFront would refuse or that would throw at the edge.
//
// serverless.yml calls it through `${file(./scripts/viewer-request-code.js)}` (osls runs the
// exported function and embeds what it returns); the local edge proxy and the tests call
// buildViewerRequestCode() for the very same bytes.
const path = require('node:path');
const esbuild = require('esbuild');

/** CloudFront Functions' limit on a function's code, in bytes. */
const MAX_FUNCTION_BYTES = 10 * 1024;
const ENTRY = path.join(__dirname, '..', 'src', 'viewer-request', 'handler.ts');
const GLOBAL = '__viewerRequest';

/**
 * ES features cloudfront-js-2.0 lacks (its documentation lists what it has: ES 5.1 plus arrow
 * functions, template literals, rest parameters, const/let, async/await, exponentiation, named
 * capture groups). esbuild rewrites each into older syntax where it can and fails where it cannot.
 */
const UNSUPPORTED = [
  'array-spread',
  'async-generator',
  'bigint',
  'class',
  'class-field',
  'class-private-accessor',
  'class-private-brand-check',
  'class-private-field',
  'class-private-method',
  'class-private-static-accessor',
  'class-private-static-field',
  'class-private-static-method',
  'class-static-blocks',
  'class-static-field',
  'default-argument',
  'destructuring',
  'for-await',
  'for-of',
  'generator',
  'logical-assignment',
  'nested-rest-binding',
  'nullish-coalescing',
  'object-extensions',
  'object-rest-spread',
  'optional-catch-binding',
  'optional-chain',
  'top-level-await',
];
/**
 * Template literals the runtime has; they are rewritten as concatenations all the same, because
 * osls reads `${` in a resolved value as a variable (the code is embedded through `${file()}`).
 */
const REWRITTEN_FOR_OSLS = ['template-literal'];

/**
 * @param {{ entry?: string, maxBytes?: number }} [options]
 * @returns {{ code: string, bytes: number }}
 */
function buildViewerRequestCode(options = {}) {
  const entry = options.entry ?? ENTRY;
  const maxBytes = options.maxBytes ?? MAX_FUNCTION_BYTES;
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    platform: 'neutral',
    target: 'es2020',
    supported: Object.fromEntries([...UNSUPPORTED, ...REWRITTEN_FOR_OSLS].map((feature) => [feature, false])),
    // An IIFE keeps the helpers out of the global scope; the footer is the global `handler`
    // CloudFront calls.
    format: 'iife',
    globalName: GLOBAL,
    footer: { js: `function handler(event){return ${GLOBAL}.handler(event)}` },
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  const code = output.text;
  const bytes = Buffer.byteLength(code, 'utf8');
  if (code.includes('${')) {
    throw new Error(
      `${path.relative(process.cwd(), entry)}: "\${" in the built code would be read by osls as a variable`,
    );
  }
  if (bytes > maxBytes) {
    throw new Error(
      `CloudFront Function ${path.relative(process.cwd(), entry)} is ${bytes} bytes minified, over the ${maxBytes}-byte limit`,
    );
  }
  return { code, bytes };
}

// osls: `${file(./scripts/viewer-request-code.js)}` resolves to the function's code.
module.exports = () => buildViewerRequestCode().code;
module.exports.buildViewerRequestCode = buildViewerRequestCode;
module.exports.MAX_FUNCTION_BYTES = MAX_FUNCTION_BYTES;
