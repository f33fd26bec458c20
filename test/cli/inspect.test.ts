import { runCli } from '../../src/cli/program';
import { cliIo } from '../helpers/cli-io';

describe('sms-webhooks inspect', () => {
  it('refuses NODE_ENV=production unless told', async () => {
    const cli = cliIo({ NODE_ENV: 'production' });
    expect(await runCli(['inspect'], cli.io)).toBe(2);
    expect(cli.err()).toMatch(/refuses to run with NODE_ENV=production .* --allow-production/);
  });

  it('checks its flags', async () => {
    const cli = cliIo({});
    expect(await runCli(['inspect', '--forward', 'ftp://x'], cli.io)).toBe(2);
    expect(cli.err()).toMatch(/--forward must be an http\(s\) URL/);
    const keep = cliIo({});
    expect(await runCli(['inspect', '--keep', '0'], keep.io)).toBe(2);
    expect(keep.err()).toMatch(/--keep/);
  });
});
