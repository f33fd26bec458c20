import { buildHandlerTable, runHandlers } from '../../src/core/handlers';

const TYPES = ['a', 'b'];

describe('handler tables', () => {
  it('refuses unknown event names, naming the known ones', () => {
    expect(() => buildHandlerTable({ delivery_status: () => {} }, TYPES)).toThrow(/unknown event type "delivery_status"; known: a, b/);
  });
  it('refuses values that are not functions', () => {
    expect(() => buildHandlerTable({ a: 'nope' }, TYPES)).toThrow(/"handlers.a" must be a function/);
    expect(() => buildHandlerTable([], TYPES)).toThrow(TypeError);
  });
  it('runs a list in order and stops at the first failure', async () => {
    const calls: string[] = [];
    const table = buildHandlerTable<null>(
      {
        a: [
          () => calls.push('first'),
          async () => {
            calls.push('second');
            throw new Error('boom');
          },
          () => calls.push('third'),
        ],
      },
      TYPES,
    );
    await expect(Promise.resolve().then(() => runHandlers(table, { type: 'a' }, null))).rejects.toThrow('boom');
    expect(calls).toEqual(['first', 'second']);
    expect(await runHandlers(table, { type: 'b' }, null)).toBe(0);
  });
});
