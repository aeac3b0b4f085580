import { GATEWAY_SECRET_HEADER, type SubgraphName } from '@mitra/runtime';
import { gql, type LooseBody } from '../harness/client';
import { hubSecrets, hubUrls } from '../harness/env';
import { tokenOf, type Caller } from '../harness/tokens';

/**
 * What a subgraph serves only to the gateway: the federation fields
 * (`_service`, `_entities`) need the gateway's secret, whoever the caller
 * is, and an @inaccessible field is refused directly and is no part of the
 * API at the gateway.
 */

const tokens = {} as Record<Caller, string | undefined>;

beforeAll(async () => {
  for (const caller of ['anonymous', 'school admin', 'government analyst'] as Caller[]) tokens[caller] = await tokenOf(caller);
});

describe('served only to the gateway', () => {
  const SUBGRAPHS: SubgraphName[] = ['schools', 'university', 'skb'];
  const FEDERATION_QUERIES: Array<[string, string, Record<string, unknown>]> = [
    ['_service', '{ _service { sdl } }', {}],
    [
      '_entities',
      'query($reps: [_Any!]!) { _entities(representations: $reps) { __typename } }',
      { reps: [{ __typename: 'Teacher', id: '00000000-0000-4000-8000-000000000000' }] },
    ],
    ['_service (aliased, in a fragment)', 'query { ...F } fragment F on Query { s: _service { sdl } }', {}],
  ];
  const cases = SUBGRAPHS.flatMap((subgraph) =>
    FEDERATION_QUERIES.flatMap(([field, query, variables]) =>
      (
        [
          ['no gateway secret', () => ({})],
          ['a wrong gateway secret', () => ({ [GATEWAY_SECRET_HEADER]: 'not-the-secret-0123456789' })],
        ] as Array<[string, () => Record<string, string>]>
      ).flatMap(([how, headers]) =>
        (['anonymous', 'school admin'] as Caller[]).map((caller) => [subgraph, field, how, caller, query, variables, headers] as const),
      ),
    ),
  );

  it.each(cases)('%s refuses %s with %s (%s)', async (subgraph, _field, _how, caller, query, variables, headers) => {
    const { body } = await gql(query, variables, { url: hubUrls().subgraphs[subgraph], token: tokens[caller], headers: headers() });
    expect(body.data).toBeNull();
    expect(body.errors.map((e: LooseBody) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(body.errors[0].message).toMatch(/served only to the gateway/);
  });

  it.each(SUBGRAPHS)('%s serves _service to the gateway secret', async (subgraph) => {
    const { body } = await gql('{ _service { sdl } }', undefined, {
      url: hubUrls().subgraphs[subgraph],
      headers: { [GATEWAY_SECRET_HEADER]: hubSecrets().gatewaySecret },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data._service.sdl).toContain('type Query');
  });

  it('an @inaccessible field (District.teacherKeys) is refused directly, and is not part of the API at the gateway', async () => {
    const direct = await gql('{ district(code: "64.71") { code teacherKeys } }', undefined, {
      url: hubUrls().subgraphs.schools,
      token: tokens['government analyst'],
    });
    expect(direct.body.errors.map((e: LooseBody) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(direct.body.errors[0].message).toMatch(/District\.teacherKeys is internal/);
    expect(direct.body.data?.district ?? null).toBeNull();
    const gateway = await gql('{ district(code: "64.71") { teacherKeys } }', undefined, { token: tokens['school admin'] });
    expect(gateway.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
