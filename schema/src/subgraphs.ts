import { DEFAULT_PORTS, printSubgraphSdl, type SubgraphDefinition, type SubgraphName } from '@mitra/kit';
import { definition as schools } from '@mitra/schools';
import { definition as university } from '@mitra/university';
import { definition as skb } from '@mitra/skb';
import type { SubgraphSource } from './compose';

/**
 * The URL the supergraph records for a subgraph: the local default. Other
 * deployments override it at run time (the gateway's SCHOOLS_URL etc.), so
 * the committed file does not depend on where it was composed.
 */
export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://localhost:${DEFAULT_PORTS[name]}/graphql`;
}

/** The three partners' SDLs, printed from their type-graphql definitions. */
export async function loadSubgraphSources(): Promise<SubgraphSource[]> {
  const definitions: SubgraphDefinition<unknown>[] = [schools, university, skb];
  return Promise.all(
    definitions.map(async (definition) => ({
      name: definition.name,
      url: defaultSubgraphUrl(definition.name),
      sdl: await printSubgraphSdl(definition),
    })),
  );
}
