// The README's alarm table, from scripts/serverless/alarm-rules.json (the one place the thresholds
// live). `pnpm alarms:table` prints it; alarm-table.test.ts keeps the README's copy equal.
import alarmRules from './serverless/alarm-rules.json';

interface Rule {
  what: string;
  applies: string;
  metric: string;
  statistic: string;
  threshold: number;
  unit: string;
  period: number;
  datapointsToAlarm: number;
  why: string;
  overrides?: Array<{ routePrefix: string; threshold: number; why: string }>;
}

const minutes = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

function condition(rule: Rule): string {
  const window =
    rule.datapointsToAlarm === 1
      ? `in ${minutes(rule.period)}`
      : `in each of ${rule.datapointsToAlarm} periods of ${minutes(rule.period)}`;
  return `${rule.statistic} of ${rule.metric} ≥ ${rule.threshold} ${rule.unit} ${window}`;
}

export function alarmTable(): string {
  const rows = Object.values(alarmRules.rules as Record<string, Rule>).flatMap((rule) => [
    `| ${rule.what} | ${rule.applies} | ${condition(rule)} | ${rule.why} |`,
    ...(rule.overrides ?? []).map(
      (override) =>
        `| ${rule.what}, routes under \`${override.routePrefix}\` | the same | ≥ ${override.threshold} ${rule.unit} | ${override.why} |`,
    ),
  ]);
  return ['| alarm | on | fires when | why |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

if (require.main === module) console.log(alarmTable());
