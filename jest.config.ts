import type { Config } from 'jest';

// The AWS SDK warns on Node < 22 (Lambda runs nodejs22.x; local Node 20 is supported until 2027).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The functions' JSON log lines and EMF metric lines would bury the test report. Tests that check what
// is logged raise the level themselves (captureLogs in @gallery/lambda/testing/capture); tests that
// check metrics load their function with metrics on (loadWithMetrics); `LOG_LEVEL=debug pnpm test`
// shows every log line.
process.env.LOG_LEVEL ??= 'silent';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

// Unit tests are pure and fast; integration tests (`*.int.test.ts`) talk to
// real emulators that the global setup starts on free ports, so two runs at
// once never collide.
const transform: Config['transform'] = {
  '^.+\\.(t|m?j)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
};
const roots = ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/scripts'];
// @middy/* v6 ships ES modules only: let swc turn them into CommonJS for jest.
const transformIgnorePatterns = ['/node_modules/(?!(\\.pnpm/)?@middy)'];
// A dynamic import() names its module with .js (TypeScript's rule); the source is .ts.
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };
const testPathIgnorePatterns = ['/node_modules/', '/\\.esbuild(-offline)?/', '/\\.serverless/'];

const config: Config = {
  // Two cores: integration suites share one set of emulators, so keep it modest.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      roots,
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: [...testPathIgnorePatterns, '\\.int\\.test\\.ts$'],
    },
    {
      displayName: 'integration',
      roots,
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['**/*.int.test.ts'],
      testPathIgnorePatterns,
      globalSetup: '<rootDir>/packages/local-stack/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/packages/local-stack/src/jest/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/packages/local-stack/src/jest/setup-integration.ts'],
    },
  ],
};

export default config;
