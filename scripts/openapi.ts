// Writes the OpenAPI 3.1 document (./openapi-document.ts) to docs/openapi.json, after validating it
// against the OpenAPI 3.1 schema; the api serves the committed file at GET /v1/openapi.json.
// `--check` writes nothing and fails when the document is invalid or when docs/openapi.json differs from what the contracts generate (CI: `pnpm check:openapi`);
// `--validate` only validates (the unit test uses it: the validator is ESM-only, which jest cannot load).
//
//   pnpm openapi          # regenerate docs/openapi.json
//   pnpm check:openapi    # fail if it is stale or invalid
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { format, resolveConfig } from 'prettier';
import { galleryDocument } from './openapi-document';

const ROOT = path.resolve(__dirname, '..');
export const DOCUMENT_PATH = path.join(ROOT, 'docs', 'openapi.json');

/** Errors of `document` against the OpenAPI 3.1 schema; empty when it is valid. */
export async function validateOpenApi(document: object): Promise<string[]> {
  const validator = new Validator();
  const result = await validator.validate(document as Record<string, unknown>);
  if (result.valid && validator.version === '3.1') return [];
  if (result.valid) return [`expected OpenAPI 3.1, found ${validator.version}`];
  return (Array.isArray(result.errors) ? result.errors : [result.errors]).map((e) => JSON.stringify(e));
}

/** The document as committed: formatted by the repository's prettier config. */
export async function renderDocument(document: object): Promise<string> {
  const options = (await resolveConfig(DOCUMENT_PATH)) ?? {};
  return format(JSON.stringify(document), { ...options, parser: 'json' });
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const document = galleryDocument();
  const errors = await validateOpenApi(document);
  if (errors.length > 0) {
    console.error(`openapi: the document is not valid OpenAPI 3.1:\n${errors.join('\n')}`);
    process.exit(1);
  }
  if (process.argv.includes('--validate')) {
    console.log(`openapi: valid OpenAPI 3.1 (${Object.keys(document.paths as object).length} paths)`);
    return;
  }
  const rendered = await renderDocument(document);
  const relative = path.relative(ROOT, DOCUMENT_PATH);
  const paths = Object.keys(document.paths as object).length;
  if (check) {
    const current = existsSync(DOCUMENT_PATH) ? readFileSync(DOCUMENT_PATH, 'utf8') : '';
    if (current !== rendered) {
      console.error(`openapi: ${relative} is stale; run 'pnpm openapi' and commit it`);
      process.exit(1);
    }
    console.log(`openapi: ${relative} is up to date and valid OpenAPI 3.1 (${paths} paths)`);
    return;
  }
  writeFileSync(DOCUMENT_PATH, rendered);
  console.log(`openapi: wrote ${relative} (${paths} paths, valid OpenAPI 3.1)`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
