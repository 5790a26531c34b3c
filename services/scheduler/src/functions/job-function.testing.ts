// The checks every scheduled job function's own test runs on its config.yml and handler, so each
// function folder keeps its test beside it without four copies of the same assertions.
import type { Context } from 'aws-lambda';
import { lambdaContext } from '@gallery/testing/lambda-events';
import { DEFAULT_SAFETY_MARGIN_MS } from '../lib/budget';
import { parseJobInput } from '../lib/job';
import { isScheduleExpression, readFunctionConfig } from '../lib/schedule';
import { JOBS, type JobName } from '../jobs/registry';

export function describeJobFunction(
  name: JobName,
  handler: (event: unknown, context: Context) => Promise<unknown>,
): void {
  const config = readFunctionConfig(name);

  describe(`${name} config`, () => {
    it('runs on a valid EventBridge schedule with an input the job accepts', () => {
      expect(config.handler).toBe(`src/functions/${name}/handler.handler`);
      expect(config.schedules.length).toBeGreaterThan(0);
      for (const schedule of config.schedules) {
        expect(isScheduleExpression(schedule.expression)).toBe(true);
        expect(() => parseJobInput(JOBS[name].input, schedule.input)).not.toThrow();
      }
    });

    it('leaves the job real time to work before its budget ends', () => {
      expect(config.timeout * 1000).toBeGreaterThanOrEqual(DEFAULT_SAFETY_MARGIN_MS * 6);
    });

    it('grants exact actions only', () => {
      const actions = config.iamStatements.flatMap((s) => s.Action);
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) expect(action).not.toContain('*');
    });
  });

  describe(`${name} handler`, () => {
    it('refuses malformed input before touching AWS', async () => {
      await expect(handler({ maxDurationSeconds: -5 }, lambdaContext())).rejects.toThrow(
        'invalid job input: maxDurationSeconds',
      );
    });
  });
}
