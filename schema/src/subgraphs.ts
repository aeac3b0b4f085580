import { printSubgraphSdl, type SubgraphDefinition } from '@mitra/kit';
import { DEFAULT_PORTS, PARTNERS, type SubgraphName } from '@mitra/runtime';
import type { SubgraphSource } from './compose';

/**
 * The URL the supergraph records for a subgraph: the local default. Other
 * deployments override it at run time (the gateway's SCHOOLS_URL etc.), so
 * the committed file does not depend on where it was composed.
 */
export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://localhost:${DEFAULT_PORTS[name]}/graphql`;
}

/**
 * Each registered partner's definition: its package's main module exports
 * `definition` (the package must also be a dependency of @mitra/schema, so
 * that it is built first; a test checks that).
 */
export function partnerDefinitions(): SubgraphDefinition<unknown>[] {
  return PARTNERS.map((p) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const definition = (require(p.package) as { definition?: SubgraphDefinition<unknown> }).definition;
    if (definition?.name !== p.name) throw new Error(`${p.package} must export the definition of the ${p.name} subgraph as \`definition\``);
    return definition;
  });
}

/** Every partner's SDL, printed from its type-graphql definition. */
export async function loadSubgraphSources(): Promise<SubgraphSource[]> {
  const definitions = partnerDefinitions();
  return Promise.all(
    definitions.map(async (definition) => ({
      name: definition.name,
      url: defaultSubgraphUrl(definition.name),
      sdl: await printSubgraphSdl(definition),
    })),
  );
}
