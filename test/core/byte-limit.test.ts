import { DEFAULT_BODY_LIMIT, parseByteLimit } from '../../src/core/byte-limit';

describe('parseByteLimit', () => {
  it('defaults to 100 KiB', () => expect(parseByteLimit(undefined)).toBe(DEFAULT_BODY_LIMIT));
  it.each([
    [2048, 2048],
    ['512', 512],
    ['100kb', 102400],
    ['1MB', 1048576],
    ['1.5kb', 1536],
  ])('reads %j as %d bytes', (input, bytes) => expect(parseByteLimit(input)).toBe(bytes));
  it.each([[0], [-1], [1.5], ['lots'], ['10gb'], [null], [{}]])('refuses %j with a TypeError naming the option', (input) => {
    expect(() => parseByteLimit(input)).toThrow(/Option "limit"/);
  });
});
