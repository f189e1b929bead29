// The local server's Host and Origin checks (DNS rebinding, cross-site request forgery).
import { describe, expect, it } from 'vitest';
import { guardRequests } from '../../infra/local/request-guard';

const guarded = guardRequests(() => new Response('ok'), { port: () => 3000, extraHosts: ['send.test'] });
const call = async (method: string, headers: Record<string, string>) => {
  const response = await guarded(new Request('http://127.0.0.1:3000/placements', { method, headers }));
  return { status: response.status, body: response.status === 200 ? '' : await response.json() };
};

describe('local server request guard', () => {
  it.each(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST', 'send.test:3000'])(
    'answers to Host %s',
    async (host) => {
      expect((await call('GET', { host })).status).toBe(200);
    },
  );

  it.each(['evil.example', 'evil.example:3000', 'localhost.evil.example', '127.0.0.1.nip.io:3000', ''])(
    'refuses Host "%s" (a name pointed at 127.0.0.1 by someone else)',
    async (host) => {
      const { status, body } = await call('GET', host ? { host } : {});
      expect(status).toBe(403);
      expect(body).toMatchObject({ error: 'host_not_allowed' });
    },
  );

  it('refuses a change posted from another site, or from a page without an origin', async () => {
    for (const origin of ['http://evil.example', 'http://localhost:8080', 'https://localhost:3000', 'null']) {
      const { status, body } = await call('POST', { host: 'localhost:3000', origin });
      expect(status, origin).toBe(403);
      expect(body).toMatchObject({ error: 'cross_site_request' });
    }
    for (const site of ['cross-site', 'same-site'])
      expect((await call('PATCH', { host: 'localhost:3000', 'sec-fetch-site': site })).status).toBe(403);
  });

  it('takes changes from its own page and from clients that send no Origin (the CLIs, curl)', async () => {
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])
      expect((await call('POST', { host: 'localhost:3000', origin })).status, origin).toBe(200);
    expect((await call('POST', { host: '127.0.0.1:3000' })).status).toBe(200);
    expect((await call('POST', { host: 'localhost:3000', 'sec-fetch-site': 'same-origin' })).status).toBe(
      200,
    );
    // A read from another site's page cannot be read back by that page (same-origin policy): let through.
    expect((await call('GET', { host: 'localhost:3000', origin: 'http://evil.example' })).status).toBe(200);
  });
});
