import { gql } from '../harness/client';
import { hubUrls } from '../harness/env';
import { metricValue, scrape } from '../harness/metrics';
import { logLeaks } from '../harness/log-scan';
import { tokenOf } from '../harness/tokens';

/**
 * Issue 7, metrics: every service serves /metrics in Prometheus's text
 * format (open in this test hub, NODE_ENV=test): requests by operation and
 * outcome, their latency, subgraph fetches at the gateway, SQL statements
 * and the pool in each subgraph. Nothing in them names a person.
 */

const { gateway, subgraphs } = hubUrls();
const services: Array<[string, string]> = [['gateway', gateway], ...Object.entries(subgraphs)];

beforeAll(async () => {
  // Request series appear with a service's first request: one that asks every partner.
  expect((await gql('{ district(code: "64.71") { name } venues { name } lecturers { fullName } }')).body.errors).toBeUndefined();
});

describe.each(services)('%s /metrics', (service, url) => {
  it('answers in the Prometheus text format, with the process metrics and its own', async () => {
    const response = await fetch(url.replace(/\/graphql$/, '/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const { samples } = await scrape(url);
    expect(samples.find((s) => s.name === 'process_cpu_user_seconds_total')?.labels).toEqual({ service });
    expect(samples.some((s) => s.name === 'nodejs_heap_size_used_bytes')).toBe(true);
    const own = new Set(samples.filter((s) => s.name.startsWith('mitra_')).map((s) => s.name.replace(/_(bucket|sum|count)$/, '')));
    const expected =
      service === 'gateway'
        ? ['mitra_graphql_requests_total', 'mitra_graphql_request_duration_seconds', 'mitra_subgraph_fetch_duration_seconds']
        : [
            'mitra_graphql_requests_total',
            'mitra_graphql_request_duration_seconds',
            'mitra_sql_statements_total',
            'mitra_db_pool_connections',
            'mitra_db_pool_max',
          ];
    for (const name of expected) expect({ name, present: own.has(name) }).toEqual({ name, present: true });
  });
});

describe('request counts and latency', () => {
  it('count a named operation once per request at the gateway, and its fetches at each subgraph it needed', async () => {
    const before = (await scrape(gateway)).samples;
    const skbBefore = (await scrape(subgraphs.skb)).samples;
    for (let i = 0; i < 3; i++) expect((await gql('query MetricsProbe { venues { name } }')).body.errors).toBeUndefined();
    const after = (await scrape(gateway)).samples;
    const skbAfter = (await scrape(subgraphs.skb)).samples;
    const delta = (a: typeof after, b: typeof after, name: string, labels: Record<string, string>) =>
      metricValue(a, name, labels) - metricValue(b, name, labels);
    expect(delta(after, before, 'mitra_graphql_requests_total', { operation: 'MetricsProbe', outcome: 'ok' })).toBe(3);
    expect(delta(after, before, 'mitra_graphql_request_duration_seconds_count', { operation: 'MetricsProbe', outcome: 'ok' })).toBe(3);
    expect(delta(after, before, 'mitra_subgraph_fetch_duration_seconds_count', { subgraph: 'skb', outcome: 'ok' })).toBe(3);
    expect(delta(after, before, 'mitra_subgraph_fetch_duration_seconds_count', { subgraph: 'schools' })).toBe(0);
    expect(delta(skbAfter, skbBefore, 'mitra_graphql_requests_total', { operation: 'MetricsProbe__skb__0', outcome: 'ok' })).toBe(3);
    expect(delta(skbAfter, skbBefore, 'mitra_sql_statements_total', {})).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['bad input', 'query MetricsRefused { teachers(first: 1000) { totalCount } }', 'MetricsRefused', 'refused'],
    ['a query that does not parse', 'query MetricsBroken { venues {', 'MetricsBroken', 'refused'],
  ])('count %s as refused', async (_what, query, operation, outcome) => {
    const token = await tokenOf('school admin');
    const before = (await scrape(gateway)).samples;
    const response = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, operationName: operation }),
    });
    expect(response.status).toBeLessThan(500);
    const after = (await scrape(gateway)).samples;
    expect(
      metricValue(after, 'mitra_graphql_requests_total', { operation, outcome }) -
        metricValue(before, 'mitra_graphql_requests_total', { operation, outcome }),
    ).toBe(1);
  });

  it('count a request refused before GraphQL (a forged token, HTTP 401) under its operation name', async () => {
    const before = (await scrape(gateway)).samples;
    const response = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ query: 'query MetricsForged { venues { name } }', operationName: 'MetricsForged' }),
    });
    expect(response.status).toBe(401);
    const after = (await scrape(gateway)).samples;
    const labels = { operation: 'MetricsForged', outcome: 'refused' };
    expect(metricValue(after, 'mitra_graphql_requests_total', labels) - metricValue(before, 'mitra_graphql_requests_total', labels)).toBe(
      1,
    );
  });

  it('label a long operation name by its first 64 characters, and a name that is not a GraphQL name as "invalid"', async () => {
    const long = `Metrics${'Long'.repeat(30)}`;
    await gql(`query ${long} { venues { name } }`);
    await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ venues { name } }', operationName: 'Robert"); DROP TABLE teacher; --' }),
    });
    const { samples, text } = await scrape(gateway);
    expect(metricValue(samples, 'mitra_graphql_requests_total', { operation: long.slice(0, 64) })).toBeGreaterThan(0);
    expect(metricValue(samples, 'mitra_graphql_requests_total', { operation: 'invalid' })).toBeGreaterThan(0);
    expect(text).not.toContain(long);
    expect(text).not.toContain('DROP TABLE');
  });
});

describe('the pool', () => {
  it.each(Object.entries(subgraphs))('%s reports its connections and DB_POOL_MAX', async (_name, url) => {
    const { samples } = await scrape(url);
    expect(metricValue(samples, 'mitra_db_pool_max')).toBe(10);
    const states = samples
      .filter((s) => s.name === 'mitra_db_pool_connections')
      .map((s) => s.labels.state)
      .sort();
    expect(states).toEqual(['free', 'pending_acquires', 'pending_creates', 'used']);
    // Nothing is running between two requests of this test: no connection is checked out.
    expect(metricValue(samples, 'mitra_db_pool_connections', { state: 'used' })).toBe(0);
  });
});

it('no service names a person, a token or a secret in its metrics', async () => {
  await gql('query MetricsPersons { teachers(first: 50) { edges { node { fullName nuptk birthDate } } } }', undefined, {
    token: await tokenOf('school admin'),
  });
  for (const [, url] of services) {
    const { text } = await scrape(url);
    expect(logLeaks(text.split('\n'), [process.env.MITRA_JWT_SECRET!, process.env.MITRA_GATEWAY_SECRET!])).toEqual([]);
  }
});
