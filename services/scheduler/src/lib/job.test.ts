import * as z from '@gallery/core/zod';
import { commonInput, parseJobInput, Tally } from './job';

const schema = z.extend(commonInput, { graceHours: z.optional(z.number().check(z.minimum(0))) });

describe('parseJobInput', () => {
  it('takes the schedule input as is', () => {
    expect(parseJobInput(schema, { graceHours: 2, maxDurationSeconds: 30 })).toEqual({
      graceHours: 2,
      maxDurationSeconds: 30,
    });
  });

  it('treats a bare EventBridge event (a schedule without input) as no input', () => {
    const event = { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} };
    expect(parseJobInput(schema, event)).toEqual({});
    expect(parseJobInput(schema, undefined)).toEqual({});
  });

  it('refuses bad input with the offending field named', () => {
    expect(() => parseJobInput(schema, { graceHours: -1 })).toThrow(/invalid job input: graceHours/);
    expect(() => parseJobInput(schema, { maxDurationSeconds: 10_000 })).toThrow(/maxDurationSeconds/);
  });
});

describe('Tally', () => {
  it('summarises a run, keeping the counts of work done before an error', () => {
    const tally = new Tally('job');
    tally.examined = 3;
    tally.changed = 2;
    tally.fail(new TypeError('bad'));
    expect(tally.summary()).toMatchObject({
      job: 'job',
      examined: 3,
      changed: 2,
      failed: 0,
      stoppedBy: 'error',
      error: 'TypeError: bad',
    });
    expect(tally.summary().durationMs).toBeGreaterThanOrEqual(0);
  });
});
