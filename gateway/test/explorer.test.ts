import { useFakeHub } from './fake-hub';

// The explorer as the gateway serves it (the page itself: landing-page.test.ts).

const hub = useFakeHub();

describe('explorer', () => {
  it('is what a browser gets at /graphql, from local assets only', async () => {
    const response = await fetch(`${hub.base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets).toHaveLength(5);
    for (const asset of assets) {
      const served = await fetch(`${hub.base}${asset}`);
      expect({ asset, status: served.status }).toEqual({ asset, status: 200 });
      expect((await served.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('does not hide GET queries from clients', async () => {
    const response = await fetch(`${hub.base}/graphql?query=${encodeURIComponent('{ venues { id } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await response.json()).toEqual({ data: { venues: [{ id: 'v1' }] } });
  });
});
