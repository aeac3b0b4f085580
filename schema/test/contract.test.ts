import { BreakingChangeType } from 'graphql';
import {
  checkContract,
  composeSupergraph,
  CompositionError,
  inaccessibleCoordinates,
  leakedInaccessible,
  type SubgraphSource,
} from '../src/compose';
import { extender, owner } from './fake-subgraphs';

const contract = `
  type District { code: ID! name: String! teacherCount: Int trainedTeachers: Int }
  type Venue { id: ID! name: String! }
  type Query { district(code: ID!): District venues: [Venue!]! }
`;

describe('composeSupergraph', () => {
  it('composes subgraphs into a supergraph that records their URLs', async () => {
    const { supergraphSdl } = await composeSupergraph([owner, extender]);
    expect(supergraphSdl).toContain('url: "http://localhost:4001/graphql"');
    expect(supergraphSdl).toContain('url: "http://localhost:4003/graphql"');
    expect(supergraphSdl.endsWith('\n')).toBe(true);
  });

  it('is deterministic, so the committed file can be compared with a fresh one', async () => {
    const first = await composeSupergraph([owner, extender]);
    const second = await composeSupergraph([owner, extender]);
    expect(second.supergraphSdl).toBe(first.supergraphSdl);
  });

  it('reports composition errors with their codes', async () => {
    const conflicting: SubgraphSource = {
      ...extender,
      // A root field owned by another subgraph, with another type and no @shareable: composition must refuse.
      sdl: extender.sdl.replace('type Query {', 'type Query { district(code: ID!): Int'),
    };
    const attempt = composeSupergraph([owner, conflicting]);
    await expect(attempt).rejects.toBeInstanceOf(CompositionError);
    await expect(attempt).rejects.toThrow(/Composition failed with \d+ error/);
    await expect(attempt).rejects.toThrow(/\[[A-Z_]+\]/);
  });

  it('removes @inaccessible fields from the API schema', async () => {
    const { supergraphSdl, apiSchema } = await composeSupergraph([owner, extender]);
    expect(inaccessibleCoordinates(supergraphSdl)).toEqual(['District.teacherKeys']);
    expect(leakedInaccessible(supergraphSdl, apiSchema)).toEqual([]);
    const district = apiSchema.getType('District');
    expect(district && 'getFields' in district ? Object.keys(district.getFields()) : []).not.toContain('teacherKeys');
  });
});

describe('checkContract', () => {
  it('accepts an API schema that keeps the contract and adds to it', async () => {
    const { apiSchema } = await composeSupergraph([owner, extender]);
    expect(checkContract(apiSchema, contract).breaking).toEqual([]);
    expect(checkContract(apiSchema, 'type Query { venues: [Venue!]! } type Venue { id: ID! }').breaking).toEqual([]);
  });

  it('reports a removed field as breaking', async () => {
    const withoutCount: SubgraphSource = { ...owner, sdl: owner.sdl.replace('teacherCount: Int', '') };
    const { apiSchema } = await composeSupergraph([withoutCount, extender]);
    const { breaking } = checkContract(apiSchema, contract);
    expect(breaking).toEqual([{ type: BreakingChangeType.FIELD_REMOVED, description: 'District.teacherCount was removed.' }]);
  });

  it('reports a changed type, a removed type and a new required argument as breaking', async () => {
    const changed: SubgraphSource = {
      ...extender,
      sdl: extender.sdl
        .replace('type Query { venues: [Venue!]! }', 'type Query { venues(kind: String!): [Int!]! }')
        .replace('type Venue @key(fields: "id") { id: ID! name: String! }', ''),
    };
    const { apiSchema } = await composeSupergraph([owner, changed]);
    const types = checkContract(apiSchema, contract).breaking.map((change) => change.type);
    expect(types).toEqual(
      expect.arrayContaining([
        BreakingChangeType.TYPE_REMOVED,
        BreakingChangeType.FIELD_CHANGED_KIND,
        BreakingChangeType.REQUIRED_ARG_ADDED,
      ]),
    );
  });

  it('does not let an @inaccessible field satisfy the contract', async () => {
    const { apiSchema } = await composeSupergraph([owner, extender]);
    const { breaking } = checkContract(apiSchema, `${contract} extend type District { teacherKeys: [ID!]! }`);
    expect(breaking.map((change) => change.description)).toEqual(['District.teacherKeys was removed.']);
  });
});
