import { hubUrls } from '../harness/env';

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
