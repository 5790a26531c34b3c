/**
 * `pnpm job <name> [options]`: runs one maintenance job by hand, in this process, against the
 * stack `pnpm dev` started (endpoints, table and bucket from .local/stack.json; variables already
 * set in the environment win), with a progress line per page and the summary at the end.
 *
 *   pnpm job reapPendingUploads [--max-age-minutes 60]
 *   pnpm job repairCounters [--user <id>]... [--album <id>]... [--photo <id>]... [--deep] [--settle-seconds 0]
 *   pnpm job sweepOrphanObjects [--grace-hours 24]
 *   pnpm job purgeDeletedPhotos
 *   any job: [--max-duration-seconds N] [--input '<json>']
 *
 * Without options a job gets the input its schedule passes (config.yml), so a hand run does what
 * the scheduled run would.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBudget } from '../src/lib/budget';
import { parseJobInput, type JobProgress } from '../src/lib/job';
import { readFunctionConfig } from '../src/lib/schedule';
import { JOBS, isJobName } from '../src/jobs/registry';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const STACK_FILE = path.join(ROOT, '.local', 'stack.json');

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function usage(message?: string): never {
  if (message) console.error(`job: ${message}\n`);
  console.error(
    `usage: pnpm job <${Object.keys(JOBS).join('|')}> [options]  (see services/scheduler/scripts/job.ts)`,
  );
  process.exit(2);
}

function loadStackEnv(): void {
  const needed = ['DYNAMODB_ENDPOINT', 'S3_ENDPOINT', 'TABLE_NAME', 'BUCKET_NAME'];
  if (needed.every((name) => process.env[name])) return;
  if (!existsSync(STACK_FILE)) {
    usage(
      `${path.relative(process.cwd(), STACK_FILE)} not found: start the local stack with \`pnpm dev\` first`,
    );
  }
  const stack = JSON.parse(readFileSync(STACK_FILE, 'utf8')) as { env?: Record<string, string> };
  for (const [name, value] of Object.entries(stack.env ?? {})) process.env[name] ??= value;
}

const num = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) usage(`${flag} takes a number, got ${value}`);
  return n;
};

function progressLine(p: JobProgress, started: number): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `[${p.job}] ${seconds}s page ${p.pages}: examined ${p.examined}, changed ${p.changed}, failed ${p.failed}` +
      (p.at ? ` (at ${p.at})` : ''),
  );
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      'max-duration-seconds': { type: 'string' },
      'max-age-minutes': { type: 'string' },
      'grace-hours': { type: 'string' },
      'settle-seconds': { type: 'string' },
      user: { type: 'string', multiple: true },
      album: { type: 'string', multiple: true },
      photo: { type: 'string', multiple: true },
      deep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const name = positionals[0];
  if (values.help || !name) usage();
  if (!isJobName(name)) usage(`unknown job "${name}"`);

  const scheduled = readFunctionConfig(name).schedules[0]?.input ?? {};
  const flags = Object.fromEntries(
    Object.entries({
      maxDurationSeconds: num(values['max-duration-seconds'], '--max-duration-seconds'),
      maxPendingAgeMinutes: num(values['max-age-minutes'], '--max-age-minutes'),
      graceHours: num(values['grace-hours'], '--grace-hours'),
      settleSeconds: num(values['settle-seconds'], '--settle-seconds'),
      users: values.user,
      albums: values.album,
      photos: values.photo,
      deep: values.deep,
    }).filter(([, v]) => v !== undefined),
  );
  const explicit = values.input ? (JSON.parse(values.input) as Record<string, unknown>) : {};
  const job = JOBS[name];
  const input = parseJobInput(job.input, { ...(scheduled as object), ...explicit, ...flags });

  loadStackEnv();
  console.log(
    `[${name}] table ${process.env.TABLE_NAME} at ${process.env.DYNAMODB_ENDPOINT}, ` +
      `bucket ${process.env.BUCKET_NAME} at ${process.env.S3_ENDPOINT}; input ${JSON.stringify(input)}`,
  );
  const started = Date.now();
  const maxDuration = (input as { maxDurationSeconds?: number }).maxDurationSeconds;
  const summary = await job.run(input as never, {
    budget: createBudget(maxDuration === undefined ? {} : { maxMs: maxDuration * 1000 }),
    onProgress: (p) => progressLine(p, started),
  });
  console.log(JSON.stringify(summary, null, 2));
  process.exitCode = summary.stoppedBy === 'error' ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(`job: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
