import { createRateBudget } from '../../src/core/rate-budget';

describe('createRateBudget', () => {
  it('allows so many a second, then none until the next second', () => {
    let time = 10_000;
    const budget = createRateBudget(3, () => time);
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
    time += 999;
    expect(budget.take()).toBe(false);
    time += 1;
    expect(budget.take()).toBe(true);
  });
});
