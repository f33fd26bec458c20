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
});
