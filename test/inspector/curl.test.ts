import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { curlCommand } from '../../src/inspector/forward';

/** Runs a copied command in a shell against a local server; resolves with the bytes and headers the server got. */
async function runCopied(command: (url: string) => string): Promise<{ body: Buffer; headers: Record<string, string | string[] | undefined> }> {
  let received: { body: Buffer; headers: Record<string, string | string[] | undefined> } | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received = { body: Buffer.concat(chunks), headers: req.headers };
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await promisify(execFile)('sh', ['-c', command(`http://127.0.0.1:${port}/webhooks/mta`)]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  if (!received) throw new Error('the copied command sent nothing');
  return received;
}

describe('copy as curl', () => {
  const headers = { 'content-type': 'application/json', 'x-signature': 'a'.repeat(64), host: 'example.test', 'content-length': '3' };

  it('sends text exactly, a byte-order mark and quotes included', async () => {
    const body = new TextEncoder().encode('\uFEFF{"message":\n"it\'s «ok» 👍"}');
    const command = (url: string) => curlCommand(url, headers, body);
    expect(command('http://x')).toContain("--data-binary '");
    const got = await runCopied(command);
    expect(got.body.equals(Buffer.from(body))).toBe(true);
    expect(got.headers['x-signature']).toBe('a'.repeat(64));
    expect(got.headers['content-type']).toBe('application/json');
  });

  it('sends bytes that are not UTF-8, or hold a control character a paste would change, exactly (through base64)', async () => {
    const crlf = new TextEncoder().encode('{\r\n\t"a": 1\r\n}');
    for (const body of [Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), Uint8Array.from([0x7b, 0x00, 0x7d]), crlf]) {
      const command = (url: string) => curlCommand(url, headers, body);
      expect(command('http://x')).toContain('| base64 -d |');
      expect((await runCopied(command)).body.equals(Buffer.from(body))).toBe(true);
    }
  });
});
