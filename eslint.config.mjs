import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.esbuild/**',
      '**/.esbuild-offline/**',
      '**/.serverless/**',
      '**/.local/**',
      '.ci/.venv*/**',
      '.ci/schemathesis/**',
      'coverage/**',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          // `import { z }` keeps zod's whole namespace (locales, JSON Schema) in every bundle: +360 KB.
          selector:
            "ImportDeclaration[source.value=/(^|\\/)zod(\\/mini)?$/] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from '@gallery/core/zod'`: it tree-shakes.",
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(only|skip)$/][callee.object.name=/^(it|test|describe)$/]',
          message: 'No focused or skipped tests.',
        },
        {
          selector: 'Identifier[name=/^(xit|xdescribe|fit|fdescribe|xtest)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Classic zod carries every method on each schema's prototype (~94 KB per bundle vs ~33, not
              // tree-shakeable); zod/mini without ./zod's setup answers every issue "Invalid input".
              regex: '^zod(/.*)?$',
              message:
                "Use `import * as z from '@gallery/core/zod'` (zod/mini with the English messages) instead of zod directly.",
            },
          ],
        },
      ],
    },
  },
  {
    // The one module that imports zod itself.
    files: ['packages/core/src/zod.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
