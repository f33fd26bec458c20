import fc from 'fast-check';
import { toStoreKey } from '../../src/core/store-key';

const isWellFormed = (text: string) => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** The inverse of toStoreKey: that it exists is what makes toStoreKey injective. */
const fromStoreKey = (key: string) =>
  key.replace(/%25|%u([0-9A-F]{4})/g, (_escape, unit: string | undefined) => (unit ? String.fromCharCode(parseInt(unit, 16)) : '%'));

/** Strings rich in what matters: the escape character, escape-like text, and surrogates alone or in pairs. */
const keys = fc.string({
  unit: fc.oneof(
    fc.constantFrom('%', '%25', '%uD800', 'u', 'D', '8', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDC4D', 'x'),
    fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  ),
  maxLength: 12,
});

describe('toStoreKey', () => {
  it('leaves today\'s keys unchanged: well-formed, without "%"', () => {
    for (const key of ['httpsms:2b9e3c1a-7d4f-4e8a-9c2b-5f6e7d8c9a0b', 'mta:delivery-status:48213377:4', 'mta:x:Grüße 👍']) {
      expect(toStoreKey(key)).toBe(key);
    }
  });

  it('keeps ids that differ only in lone surrogates apart, as well-formed strings', () => {
    const stored = ['httpsms:\ud800x', 'httpsms:\udc00x', 'httpsms:\udbffx'].map(toStoreKey);
    expect(stored).toEqual(['httpsms:%uD800x', 'httpsms:%uDC00x', 'httpsms:%uDBFFx']);
    expect(new Set(stored.map((key) => Buffer.from(key, 'utf8').toString('hex'))).size).toBe(3);
  });

  it('escapes "%" so that a key cannot pass for an escape', () => {
    expect(toStoreKey('a%uD800')).toBe('a%25uD800');
    expect(toStoreKey('a%uD800')).not.toBe(toStoreKey('a\ud800'));
  });

  it('is injective and always well-formed (fast-check)', () => {
    fc.assert(
      fc.property(keys, (key) => {
        const stored = toStoreKey(key);
        expect(isWellFormed(stored)).toBe(true);
        expect(fromStoreKey(stored)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('never merges two distinct keys, even through UTF-8 (fast-check)', () => {
    fc.assert(
      fc.property(keys, keys, (a, b) => {
        fc.pre(a !== b);
        expect(Buffer.from(toStoreKey(a), 'utf8').equals(Buffer.from(toStoreKey(b), 'utf8'))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('returns a well-formed key unchanged on any string without "%" (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (key) => {
        fc.pre(!key.includes('%'));
        expect(toStoreKey(key)).toBe(key);
      }),
    );
  });
});
