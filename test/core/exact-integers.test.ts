import fc from 'fast-check';
import { holdsUnsafeNumber, quoteUnsafeIntegers } from '../../src/core/exact-integers';

/** What the rewrite must yield for an integer: a number when a double holds it exactly, else its digits. */
const exact = (value: bigint) => (Number.isSafeInteger(Number(value)) ? Number(value) : String(value));
const parsedExactly = (text: string) => JSON.parse(quoteUnsafeIntegers(text)) as unknown;

describe('quoteUnsafeIntegers', () => {
  it('turns integers beyond Number.MAX_SAFE_INTEGER into strings of their exact digits, sign included', () => {
    expect(parsedExactly('[18446744073709551616,18446744073709551617,-9007199254740992]')).toEqual([
      '18446744073709551616',
      '18446744073709551617',
      '-9007199254740992',
    ]);
  });

  it('keeps the largest safe integers, fractions and exponents as numbers', () => {
    const text = '[9007199254740991,-9007199254740991,1234567890123456,0.12345678901234567,1e300,12345678901234567.5]';
    expect(quoteUnsafeIntegers(text)).toBe(text);
  });

  it('leaves digits inside strings alone, across escaped quotes and backslashes', () => {
    const text = String.raw`{"a":"18446744073709551616","b":"x\"18446744073709551616","c":"\\","d":18446744073709551616}`;
    expect(parsedExactly(text)).toEqual({ a: '18446744073709551616', b: 'x"18446744073709551616', c: '\\', d: '18446744073709551616' });
  });

  it('rewrites values at any depth, keys and whitespace untouched', () => {
    expect(parsedExactly('{ "messageId" : 18446744073709551617 ,\n "x": [ {"y": -18446744073709551617} ] }')).toEqual({
      messageId: '18446744073709551617',
      x: [{ y: '-18446744073709551617' }],
    });
  });

  it('keeps any list of integers exact (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n })), (values) => {
        expect(parsedExactly(`[${values.join(',')}]`)).toEqual(values.map(exact));
      }),
    );
  });

  it('changes nothing but unsafe integer literals in any JSON text (fast-check)', () => {
    // JSON.stringify writes an integral double of 22 digits or fewer as plain digits: beyond the safe range
    // those come back as the same digits in a string; everything else parses as JSON.parse parses it.
    const expected = (value: unknown): unknown => {
      if (typeof value === 'number') return Number.isSafeInteger(value) || !/^-?\d+$/.test(String(value)) ? value : String(value);
      if (Array.isArray(value)) return value.map(expected);
      if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expected(item)]));
      return value;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(parsedExactly(text)).toEqual(expected(JSON.parse(text)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('holdsUnsafeNumber', () => {
  it('finds a number beyond the safe range at any depth, so JSON.parse alone serves every other body', () => {
    expect(holdsUnsafeNumber({ messageId: 9007199254740991, to: '+15555550123', tags: ['18446744073709551617'] })).toBe(false);
    expect(holdsUnsafeNumber({ a: [{ b: [1, -9007199254740992] }] })).toBe(true);
    expect(holdsUnsafeNumber(18446744073709551616)).toBe(true);
    expect(holdsUnsafeNumber({ ratio: 1e300 })).toBe(true); // then the rewrite finds no integer literal to quote
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    const depth = 200_000;
    expect(holdsUnsafeNumber(JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`))).toBe(false);
  });
});
