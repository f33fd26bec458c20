import { request } from 'node:http';
import { startInspectServer } from '../../src/inspector/server';
import { SECRET } from '../helpers/apps';

describe('sms-webhooks inspect: the server', () => {
  it('bound to every address, still answers the page and its API only to this machine (unless allowRemote)', async () => {
    const server = await startInspectServer({ port: 0, host: '0.0.0.0', secret: SECRET, signingKey: 'k'.repeat(32), forward: {}, keep: 10, echo: false });
    const port = new URL(server.url).port;
    try {
      // fetch() sets Host itself; node:http sends the one given, as a request through the LAN name would.
      const ask = (host: string) =>
        new Promise<number>((resolve, reject) => {
          request({ host: '127.0.0.1', port, path: '/api/deliveries', headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          }).on('error', reject).end();
        });
      expect(await ask('localhost')).toBe(200);
      expect(await ask(`inspector.lan:${port}`)).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('refuses a body over its own cap with 413, never passing a truncated body on', async () => {
    const server = await startInspectServer({ port: 0, host: '127.0.0.1', secret: SECRET, signingKey: 'k'.repeat(32), forward: {}, keep: 10, echo: false });
    try {
      const response = await fetch(`${server.url}/webhooks/mta`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(11 * 1024 * 1024) });
      expect(response.status).toBe(413);
      expect(server.inspector.core.ring.list()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
