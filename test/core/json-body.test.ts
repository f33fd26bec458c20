import { parseJsonBody } from '../../src/core/json-body';
import { WebhookError } from '../../src/core/errors';
import { thrown } from '../helpers/caught';

const codeOf = (fn: () => unknown) => thrown<WebhookError>(fn).code;

describe('parseJsonBody', () => {
  it('parses UTF-8 JSON, keeping non-ASCII text', () => {
    expect(parseJsonBody(Buffer.from('{"message":"Grüße 👍 日本"}'))).toEqual({ message: 'Grüße 👍 日本' });
  });

  it('tolerates a UTF-8 byte-order mark', () => {
    expect(parseJsonBody(Buffer.from('\uFEFF{"a":1}'))).toEqual({ a: 1 });
  });

  it('answers 415 body.unsupported_encoding for bytes that are not UTF-8', () => {
    expect(codeOf(() => parseJsonBody(Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d])))).toBe('body.unsupported_encoding');
  });

  it.each([[''], ['   '], ['{"a":'], ['hello +15555550123']])('answers 400 payload.invalid_json for %j, without quoting it', (text) => {
    const caught = thrown<WebhookError>(() => parseJsonBody(Buffer.from(text)));
    expect(caught.code).toBe('payload.invalid_json');
    expect(caught.status).toBe(400);
    expect(caught.message).not.toContain('5555550123');
  });

  it('reads a plain Uint8Array as a Buffer (no Buffer is needed on other runtimes)', () => {
    expect(parseJsonBody(new TextEncoder().encode('\uFEFF{"a":[1,"ü"]}'))).toEqual({ a: [1, 'ü'] });
    expect(codeOf(() => parseJsonBody(new Uint8Array([0x22, 0xc3, 0x22])))).toBe('body.unsupported_encoding');
  });

  it('answers 415 for an encoded lone surrogate (CESU-8), which is not UTF-8', () => {
    expect(codeOf(() => parseJsonBody(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])))).toBe('body.unsupported_encoding');
  });

  it('keeps distinct ids above 2^53 distinct: their exact digits as strings', () => {
    const body = Buffer.from('[{"messageId":18446744073709551616},{"messageId":18446744073709551617},{"messageId":48213377}]');
    expect(parseJsonBody(body)).toEqual([{ messageId: '18446744073709551616' }, { messageId: '18446744073709551617' }, { messageId: 48213377 }]);
  });

  it('keeps 16-digit runs inside strings as they are, and invalid JSON with big numbers is still a 400', () => {
    expect(parseJsonBody(Buffer.from('{"message":"code 18446744073709551617","id":9007199254740991}'))).toEqual({
      message: 'code 18446744073709551617',
      id: 9007199254740991,
    });
    // Quoting the number would make this a valid object; the body as sent is not JSON.
    expect(codeOf(() => parseJsonBody(Buffer.from('{18446744073709551617:1}')))).toBe('payload.invalid_json');
  });
});
