import { existsSync, readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import {
  checkContract,
  composeSupergraph,
  formatChanges,
  inaccessibleCoordinates,
  leakedInaccessible,
  type ComposedSupergraph,
} from '../src/compose';
import { describeDifference } from '../src/diff';
import { contractSdl, readContract } from '../src/contract';
import { SUPERGRAPH_PATH } from '../src/paths';
import { loadSubgraphSources } from '../src/subgraphs';

describe('the real supergraph', () => {
  let composed: ComposedSupergraph;

  beforeAll(async () => {
    composed = await composeSupergraph(await loadSubgraphSources());
  }, 60_000);

  it('is committed exactly as a fresh composition writes it (run `npm run compose`)', () => {
    expect(existsSync(SUPERGRAPH_PATH) ? 'committed' : `${SUPERGRAPH_PATH} is missing`).toBe('committed');
    const difference = describeDifference(readFileSync(SUPERGRAPH_PATH, 'utf8'), composed.supergraphSdl);
    // The message, not a boolean, so a failure says which lines moved.
    expect(difference ?? 'up to date').toBe('up to date');
  });

  it('keeps every part of the public contract', () => {
    const { breaking } = checkContract(composed.apiSchema, contractSdl(readContract()));
    expect(formatChanges(breaking)).toBe('');
  });

  it('hides every @inaccessible element from the API schema', () => {
    expect(leakedInaccessible(composed.supergraphSdl, composed.apiSchema)).toEqual([]);
  });

  it('never shows a teacherKeys field to clients, wherever the supergraph has one', () => {
    const holders = parse(composed.supergraphSdl).definitions.flatMap((definition) =>
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) &&
      definition.fields?.some((field) => field.name.value === 'teacherKeys')
        ? [definition.name.value]
        : [],
    );
    const visible = holders.filter((typeName) => {
      const type = composed.apiSchema.getType(typeName);
      return type !== undefined && 'getFields' in type && 'teacherKeys' in type.getFields();
    });
    expect(visible).toEqual([]);
    expect(holders.every((typeName) => inaccessibleCoordinates(composed.supergraphSdl).includes(`${typeName}.teacherKeys`))).toBe(true);
  });
});
