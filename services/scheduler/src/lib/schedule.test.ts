import { isScheduleExpression } from './schedule';

describe('isScheduleExpression', () => {
  it.each([
    'rate(1 minute)',
    'rate(15 minutes)',
    'rate(2 hours)',
    'cron(30 3 * * ? *)',
    'cron(0 12 ? * MON-FRI *)',
  ])('accepts %s', (expression) => expect(isScheduleExpression(expression)).toBe(true));

  it.each([
    'rate(1 minutes)',
    'rate(0 minutes)',
    'rate(5 weeks)',
    'cron(30 3 * * *)',
    'cron(30 3 * * * *)',
    '*/5 * * * *',
  ])('refuses %s', (expression) => expect(isScheduleExpression(expression)).toBe(false));
});
