import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql as apolloGql } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { Client, cacheExchange, fetchExchange, type AnyVariables, type OperationResult } from '@urql/core';
import { cacheExchange as normalisedCache } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { ClientError, GraphQLClient } from 'graphql-request';
import { hubUrls } from '../harness/env';
import { rowCounts, sql } from '../harness/db';
import { CALLERS, PARTNER, tokenFor } from '../harness/tokens';
import {
  TEACHER_PAGE,
  TOO_DEEP,
  teacherOrderFor,
  tracedFetch,
  walk,
  walkMerged,
  type Connection,
  type SentRequest,
  type TeacherPage,
} from '../harness/client-pages';

/**
 * Issue 15: the standard clients work against the hub with their defaults.
 * Each is driven through every page of `teachers` (as a partner that sees
 * some teachers, not all) and through the errors a client must tell apart: a
 * limit refusal, a caller without a token (UNAUTHENTICATED) and a bad input
 * (BAD_USER_INPUT naming the field). The caches are normalised with the keys
 * docs/dashboard-and-clients.md ("Client caches") gives: School by `npsn`,
 * District by `code` (every other entity has an `id`). A traced fetch records
 * what each client sends: its method and headers are its defaults.
 */

const PAGE_SIZE = 25;
const ANONYMOUS_TEACHERS = '{ teachers(first: 1) { totalCount } }';
const TOO_MANY = '{ teachers(first: 1000) { totalCount } }';
const SCHOOL = 'query School($npsn: ID!) { school(npsn: $npsn) { npsn name district { code name } } }';

let token: string;
let expectedIds: string[];

beforeAll(async () => {
  token = await tokenFor(PARTNER);
  expectedIds = await teacherOrderFor(PARTNER.org);
  // More than one page, fewer than all teachers (the rest are out of this partner's reach).
  expect(expectedIds.length).toBeGreaterThan(PAGE_SIZE);
});

describe('Apollo Client 4 (core entry, no React) with its defaults', () => {
  const sent: SentRequest[] = [];
  const apollo = (bearer?: string, keyed = true) =>
    new ApolloClient({
      link: new HttpLink({
        uri: hubUrls().gateway,
        fetch: tracedFetch(sent),
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      }),
      cache: new InMemoryCache({
        typePolicies: {
          ...(keyed ? { School: { keyFields: ['npsn'] }, District: { keyFields: ['code'] } } : {}),
          Query: {
            fields: {
              teachers: relayStylePagination(['filter']),
              school: { read: (_, { args, toReference }) => toReference({ __typename: 'School', npsn: args?.npsn }) },
            },
          },
        },
      }),
    });

  it('POSTs JSON through every page; the cache keeps each School by npsn and each District by code', async () => {
    const client = apollo(token);
    const query = apolloGql(TEACHER_PAGE);
    const { merged, pages } = await walkMerged(
      async (variables) => {
        // `after` is no cache key under relayStylePagination: each page comes from the network, and the cache merges it.
        const { data } = await client.query<{ teachers: TeacherPage }>({ query, variables, fetchPolicy: 'network-only' });
        return data!.teachers;
      },
      expectedIds,
      PAGE_SIZE,
    );
    expect(sent).toHaveLength(pages);
    for (const request of sent) {
      expect(request).toEqual({
        method: 'POST',
        accept: 'application/graphql-response+json,application/json;q=0.9',
        contentType: 'application/json',
        queryInUrl: false,
      });
    }

    const cache = client.extract() as Record<string, { __typename?: string; school?: { __ref: string } }>;
    const npsns = new Set(merged.edges.map((edge) => edge.node.school.npsn));
    expect(Object.keys(cache).filter((key) => key.startsWith('School:'))).toEqual(
      expect.arrayContaining([...npsns].map((npsn) => `School:${JSON.stringify({ npsn })}`)),
    );
    expect(cache['District:{"code":"64.71"}']).toMatchObject({ code: '64.71', name: 'Kota Balikpapan' });
    expect(cache[`Teacher:${expectedIds[0]}`]?.school?.__ref).toMatch(/^School:\{"npsn":"\d{8}"\}$/);
    // A school seen in a page is answered from the cache by its key, without a request.
    const [npsn] = npsns;
    const before = sent.length;
    const school = await client.query<{ school: { npsn: string; name: string } }>({ query: apolloGql(SCHOOL), variables: { npsn } });
    expect(school.data!.school.npsn).toBe(npsn);
    expect(sent.length).toBe(before);
  });

  it('keeps no School or District of its own without those keys: each copy sits inside its teacher', async () => {
    const client = apollo(token, false);
    const { data } = await client.query<{ teachers: TeacherPage }>({ query: apolloGql(TEACHER_PAGE), variables: { first: PAGE_SIZE } });
    const cache = client.extract() as Record<string, { school?: { npsn?: string; __ref?: string } }>;
    expect(Object.keys(cache).filter((key) => /^(School|District):/.test(key))).toEqual([]);
    const first = data!.teachers.edges[0].node;
    expect(cache[`Teacher:${first.id}`]?.school).toMatchObject({ npsn: first.school.npsn });
  });

  it('rejects with CombinedGraphQLErrors: the limit, the missing token and the bad argument each by its code', async () => {
    const cases: Array<[string, string | undefined, Record<string, unknown>]> = [
      [TOO_DEEP, token, { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' }],
      [ANONYMOUS_TEACHERS, undefined, { code: 'UNAUTHENTICATED' }],
      [TOO_MANY, token, { code: 'BAD_USER_INPUT', field: 'first' }],
    ];
    for (const [query, bearer, extensions] of cases) {
      const error = await apollo(bearer)
        .query({ query: apolloGql(query), fetchPolicy: 'network-only' })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(CombinedGraphQLErrors.is(error)).toBe(true);
      expect((error as CombinedGraphQLErrors).errors[0].extensions).toMatchObject(extensions);
    }
  });

  it("gives the partial answer too with errorPolicy 'all'", async () => {
    const result = await apollo().query({ query: apolloGql(ANONYMOUS_TEACHERS), errorPolicy: 'all' });
    expect(result.data).toEqual({ teachers: null });
    expect((result.error as CombinedGraphQLErrors).errors[0]).toMatchObject({
      path: ['teachers'],
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('urql (@urql/core) with its defaults, and graphcache for a normalised cache', () => {
  const sent: SentRequest[] = [];
  const graphcache = () => [
    normalisedCache({
      keys: { School: (school) => school.npsn as string, District: (district) => district.code as string },
      resolvers: {
        Query: { teachers: relayPagination(), school: (_parent, args) => ({ __typename: 'School', npsn: args.npsn as string }) },
      },
    }),
    fetchExchange,
  ];
  /** urql's defaults (its document cache), or with graphcache normalising by the documented keys. */
  const urql = (bearer?: string, normalised = false) =>
    new Client({
      url: hubUrls().gateway,
      fetch: tracedFetch(sent),
      fetchOptions: bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {},
      exchanges: normalised ? graphcache() : [cacheExchange, fetchExchange],
    });
  const errorOf = (result: OperationResult<unknown, AnyVariables>) => result.error?.graphQLErrors[0]?.extensions;

  it('GETs queries, the operation in the URL; the normalised cache merges the pages and keeps schools by npsn', async () => {
    const client = urql(token, true);
    const { merged, pages } = await walkMerged(
      async (variables) => {
        const result = await client.query<{ teachers: TeacherPage }>(TEACHER_PAGE, variables).toPromise();
        expect(result.error).toBeUndefined();
        return result.data!.teachers;
      },
      expectedIds,
      PAGE_SIZE,
    );
    expect(sent).toHaveLength(pages);
    for (const request of sent) {
      expect(request).toEqual({
        method: 'GET',
        accept: 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed',
        contentType: null,
        queryInUrl: true,
      });
    }
    const npsn = merged!.edges[0].node.school.npsn;
    const school = await client.query(SCHOOL, { npsn }, { requestPolicy: 'cache-only' }).toPromise();
    expect(school.data).toMatchObject({ school: { npsn, district: { code: expect.any(String) } } });
    expect(sent).toHaveLength(pages);
  });

  it('gives a CombinedError with the GraphQL errors: the limit, the missing token and the bad argument', async () => {
    const deep = await urql(token).query(TOO_DEEP, {}).toPromise();
    expect(deep.error?.networkError).toBeUndefined();
    expect(errorOf(deep)).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' });
    const anonymous = await urql().query(ANONYMOUS_TEACHERS, {}).toPromise();
    expect(anonymous.data).toEqual({ teachers: null });
    expect(errorOf(anonymous)).toMatchObject({ code: 'UNAUTHENTICATED' });
    const tooMany = await urql(token).query(TOO_MANY, {}).toPromise();
    expect(errorOf(tooMany)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('POSTs a mutation; a bad input is BAD_USER_INPUT naming the field and writes nothing', async () => {
    const before = await rowCounts('schools', ['teacher', 'audit_log']);
    const admin = urql(await tokenFor(CALLERS['school admin']));
    const from = sent.length;
    const result = await admin
      .mutation('mutation($input: TeacherInput!) { createTeacher(input: $input) { id } }', {
        input: { npsn: '64710001', fullName: 'Siti Test', nuptk: '12345', employmentStatus: 'GTT' },
      })
      .toPromise();
    expect(sent.slice(from).map((request) => request.method)).toEqual(['POST']);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.nuptk' });
    expect(await rowCounts('schools', ['teacher', 'audit_log'])).toEqual(before);
  });
});

describe('graphql-request with its defaults', () => {
  const sent: SentRequest[] = [];
  const client = (bearer?: string, method?: 'GET') =>
    new GraphQLClient(hubUrls().gateway, {
      fetch: tracedFetch(sent),
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      ...(method ? { method } : {}),
    });

  it('POSTs JSON through every page, and GETs with its `method` option', async () => {
    const post = client(token);
    const { ids, pages } = await walk(
      async (after) => (await post.request<{ teachers: TeacherPage }>(TEACHER_PAGE, { first: PAGE_SIZE, after })).teachers,
      expectedIds.length,
    );
    expect(ids).toEqual(expectedIds);
    expect(sent).toHaveLength(pages);
    for (const request of sent) {
      expect(request).toEqual({
        method: 'POST',
        accept: 'application/graphql-response+json, application/json',
        contentType: 'application/json',
        queryInUrl: false,
      });
    }
    const viaGet = await client(token, 'GET').request<{ teachers: TeacherPage }>(TEACHER_PAGE, { first: PAGE_SIZE });
    expect(viaGet.teachers.edges.map((edge) => edge.node.id)).toEqual(expectedIds.slice(0, PAGE_SIZE));
    expect(sent[sent.length - 1]).toMatchObject({ method: 'GET', queryInUrl: true });
  });

  it('pages training events with the same PageInfo, in the order the database gives', async () => {
    const events = `query Events($after: String) { trainingEvents(first: 3, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`;
    const rows = await sql<{ id: string }>('skb', 'select id from training_event order by starts_on, id');
    const anonymous = client();
    const { ids, pages } = await walk(
      async (after) => (await anonymous.request<{ trainingEvents: Connection }>(events, { after })).trainingEvents,
      rows.length,
    );
    expect(pages).toBe(Math.ceil(rows.length / 3));
    expect(ids).toEqual(rows.map((row) => row.id));
  });

  it('throws a ClientError carrying the status, the errors and any partial data', async () => {
    // The limit refuses the whole document (HTTP 400, no data); the others are a field's error in a 200 answer, the field null.
    const cases: Array<[string, string | undefined, number, Record<string, unknown>, unknown]> = [
      [TOO_DEEP, token, 400, { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' }, undefined],
      [ANONYMOUS_TEACHERS, undefined, 200, { code: 'UNAUTHENTICATED' }, { teachers: null }],
      [TOO_MANY, token, 200, { code: 'BAD_USER_INPUT', field: 'first' }, { teachers: null }],
    ];
    for (const [query, bearer, status, extensions, data] of cases) {
      const error = await client(bearer)
        .request(query)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ClientError);
      const { response } = error as ClientError;
      expect({ status: response.status, extensions: response.errors?.[0]?.extensions, data: response.data }).toEqual({
        status,
        extensions: expect.objectContaining(extensions),
        data,
      });
    }
  });
});
