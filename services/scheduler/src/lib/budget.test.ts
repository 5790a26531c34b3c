import { createBudget } from './budget';

describe('createBudget', () => {
  it('ends a safety margin before the Lambda would time out', () => {
    let now = 1_000;
    const budget = createBudget({ remainingMs: 60_000, safetyMarginMs: 10_000, clock: () => now });
    expect(budget.remainingMs()).toBe(50_000);
    now += 49_999;
    expect(budget.exhausted()).toBe(false);
    now += 1;
    expect(budget.exhausted()).toBe(true);
  });

  it('takes the tighter of the Lambda limit and the asked-for maximum', () => {
    const budget = createBudget({ remainingMs: 60_000, maxMs: 5_000, clock: () => 0 });
    expect(budget.remainingMs()).toBe(5_000);
  });

  it('is exhausted at once when the margin exceeds the time left', () => {
    expect(createBudget({ remainingMs: 3_000 }).exhausted()).toBe(true);
  });

  it('is unbounded without limits (hand runs)', () => {
    expect(createBudget().remainingMs()).toBe(Infinity);
  });
});
