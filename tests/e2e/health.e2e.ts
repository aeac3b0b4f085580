import { hubUrls } from '../harness/env';
import { until } from '../harness/wait';

const { gateway, subgraphs } = hubUrls();
const services: Array<[string, string]> = [['gateway', gateway], ...Object.entries(subgraphs)];

describe.each(services)('%s health', (_name, graphqlUrl) => {
  const base = graphqlUrl.replace(/\/graphql$/, '');

  it.each(['/healthz', '/readyz'])('%s answers 200 with JSON', async (route) => {
    const response = await fetch(`${base}${route}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual(expect.any(Object));
  });
});

describe("partners' protected statistics", () => {
  // Each partner builds them when it listens (SubgraphDefinition.warmUp); /readyz says when they are built, without
  // changing its status meanwhile.
  it.each(['schools', 'university', 'skb'] as const)('%s shows in /readyz that they are built', async (name) => {
    const readyz = async () => {
      const response = await fetch(hubUrls().subgraphs[name].replace(/\/graphql$/, '/readyz'));
      return { status: response.status, body: (await response.json()) as { statistics?: string } };
    };
    const first = await readyz();
    expect(first.status).toBe(200);
    expect(['warming', 'ready']).toContain(first.body.statistics);
    await until(async () => (await readyz()).body.statistics === 'ready', 60_000, `${name}'s statistics were not built`);
  });
});

describe('keep-alive between the gateway and the partners', () => {
  // The gateway keeps pooled connections to partners for ten minutes; each partner keeps them a little longer, so an
  // hour of sparse traffic does not pay a new handshake at every hop (issue 16: after 70 s idle all were gone).
  it.each(['schools', 'university', 'skb'] as const)('%s keeps an idle connection for more than ten minutes', async (name) => {
    const response = await fetch(hubUrls().subgraphs[name].replace(/\/graphql$/, '/healthz'));
    expect(response.headers.get('keep-alive')).toBe('timeout=620');
  });
});
