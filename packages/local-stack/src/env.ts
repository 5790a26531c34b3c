/**
 * A value the integration global setup (or `pnpm dev`) exported for the running local stack,
 * e.g. `harnessEnv('DYNAMODB_ENDPOINT')`; fails loudly when run outside it.
 */
export function harnessEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run under the integration global setup)`);
  return value;
}
