// The schedules of the jobs, read from the same config.yml files osls deploys, so that local
// tooling and tests check exactly what EventBridge will run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface JobSchedule {
  /** `rate(15 minutes)` or `cron(30 3 * * ? *)`, as EventBridge takes it. */
  expression: string;
  input: unknown;
}

export interface FunctionConfig {
  handler: string;
  timeout: number;
  schedules: JobSchedule[];
  iamStatements: Array<{ Action: string[] }>;
}

const FUNCTIONS_DIR = path.join(__dirname, '..', 'functions');

export function readFunctionConfig(name: string): FunctionConfig {
  const raw = parse(readFileSync(path.join(FUNCTIONS_DIR, name, 'config.yml'), 'utf8')) as {
    handler: string;
    timeout: number;
    events?: Array<{ schedule?: { rate: string | string[]; input?: unknown } }>;
    iamStatements?: Array<{ Action: string[] }>;
  };
  const schedules = (raw.events ?? []).flatMap((event) =>
    event.schedule
      ? [event.schedule.rate].flat().map((expression) => ({ expression, input: event.schedule?.input ?? {} }))
      : [],
  );
  return { handler: raw.handler, timeout: raw.timeout, schedules, iamStatements: raw.iamStatements ?? [] };
}

const RATE = /^rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\)$/;
// Six fields: minutes hours day-of-month month day-of-week year; one of the two days is `?`.
const CRON = /^cron\((\S+ \S+ \S+ \S+ \S+ \S+)\)$/;

/** Whether EventBridge accepts the expression (the subset of the grammar the jobs use). */
export function isScheduleExpression(expression: string): boolean {
  if (RATE.test(expression)) return true;
  const cron = CRON.exec(expression)?.[1]?.split(' ');
  return cron !== undefined && (cron[2] === '?') !== (cron[4] === '?');
}
