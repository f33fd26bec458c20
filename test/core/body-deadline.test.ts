import { spawn } from 'node:child_process';

describe('the body deadline', () => {
  it('answers 408 body.timeout even when nothing but the waiting body keeps the process alive', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/stalled-body.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    // Without a referenced timer the process would end here with nothing printed: no answer, no log line.
    expect(output).toMatch(/^408 /);
    expect(JSON.parse(output.slice(4))).toEqual({ error: { code: 'body.timeout', message: expect.stringContaining('bodyTimeoutMs') } });
  }, 20_000);
});
