import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { buildASTSchema, lexicographicSortSchema, parse, printSchema, type GraphQLError, type GraphQLSchema } from 'graphql';
import { formatCompositionErrors, type SubgraphSource } from './compose';
import { describeDifference } from './diff';

/*
 * A second, independent composer: The Guild's @theguild/federation-composition
 * (a devDependency). Only tests and the report CLI use this module; it is
 * deliberately not exported from src/index.ts, so nothing that imports
 * @mitra/schema at run time (the dashboard's codegen) needs the devDependency.
 * The supergraph that the gateway serves is always Apollo's (src/compose.ts).
 */

export interface GuildComposition {
  /** The Guild's supergraph SDL (with a final newline); never written to disk. */
  supergraphSdl: string;
  /** The Guild's API schema: its public SDL (the supergraph without join metadata and @inaccessible parts), built. */
  apiSchema: GraphQLSchema;
}

export class GuildCompositionError extends Error {
  constructor(readonly errors: readonly GraphQLError[]) {
    super(`The Guild's federation-composition refused the subgraphs. ${formatCompositionErrors(errors)}`);
  }
}

/** Composes the given subgraphs with The Guild's composer; throws a GuildCompositionError listing every error. */
export function composeWithGuild(sources: readonly SubgraphSource[]): GuildComposition {
  const result = composeServices(sources.map((source) => ({ name: source.name, url: source.url, typeDefs: parse(source.sdl) })));
  if (compositionHasErrors(result)) throw new GuildCompositionError(result.errors);
  const sdl = result.supergraphSdl.replace(/\r\n/g, '\n');
  return {
    supergraphSdl: sdl.endsWith('\n') ? sdl : `${sdl}\n`,
    // publicDocumentNode is transformSupergraphToPublicSchema(supergraphDocumentNode), computed by composeServices.
    apiSchema: buildASTSchema(result.publicDocumentNode),
  };
}

const sortedSdl = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema));

/**
 * One line for the report CLI (and a few more when they disagree): whether The
 * Guild's composer accepts the subgraphs and gives the same API schema as
 * `apiSchema` (Apollo's), compared as sorted SDL, descriptions included. It
 * never throws on a disagreement: schema/test/guild-composition.test.ts is the gate.
 */
export function guildAgreementReport(sources: readonly SubgraphSource[], apiSchema: GraphQLSchema): string {
  const title = "Schema check (The Guild's federation-composition)";
  let guild: GuildComposition;
  try {
    guild = composeWithGuild(sources);
  } catch (error) {
    if (!(error instanceof GuildCompositionError)) throw error;
    return `${title}: REFUSED the subgraphs that Apollo composed.\n${error.message}`;
  }
  const ours = sortedSdl(apiSchema);
  const difference = describeDifference(ours, sortedSdl(guild.apiSchema));
  if (difference === null) {
    const types = Object.keys(apiSchema.getTypeMap()).filter((name) => !name.startsWith('__')).length;
    return `${title}: both composers agree — the same API schema (${types} types).`;
  }
  // describeDifference's header speaks of committed and fresh files; here "-" is Apollo's and "+" The Guild's.
  return [`${title}: the API schemas DIFFER (- Apollo's, + The Guild's):`, ...difference.split('\n').slice(1)].join('\n');
}
