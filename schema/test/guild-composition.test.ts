import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { composeSupergraph, leakedInaccessible, type ComposedSupergraph, type SubgraphSource } from '../src/compose';
import { composeWithGuild, guildAgreementReport, GuildCompositionError, type GuildComposition } from '../src/guild-composition';
import { loadSubgraphSources } from '../src/subgraphs';
import { extender, owner } from './fake-subgraphs';

/*
 * A second, independent composer (The Guild's @theguild/federation-composition)
 * must accept the same subgraphs and give clients the same API schema as
 * Apollo's, so a composition quirk of one composer cannot pass unnoticed.
 *
 * The API schemas are compared in full, descriptions and directive
 * definitions included; only the order of types and fields is normalised
 * (lexicographicSortSchema), since each composer chooses its own order.
 * Nothing else needed normalising: with the real subgraphs both print to the
 * same SDL byte for byte. The supergraph SDLs are not compared: they are
 * each composer's own serialisation (The Guild prints descriptions, blank
 * lines and @join__* arguments differently), and only Apollo's is committed.
 */
const sortedSdl = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema));

describe("the real subgraphs with The Guild's composer", () => {
  let sources: SubgraphSource[];
  let ours: ComposedSupergraph;

  beforeAll(async () => {
    sources = await loadSubgraphSources();
    ours = await composeSupergraph(sources);
  }, 60_000);

  it('compose without errors', () => {
    // The message of a GuildCompositionError lists every error, so a failure here says why.
    let outcome: string;
    try {
      composeWithGuild(sources);
      outcome = 'composed';
    } catch (error) {
      outcome = error instanceof Error ? error.message : String(error);
    }
    expect(outcome).toBe('composed');
  });

  describe('once composed', () => {
    let guild: GuildComposition;

    beforeAll(() => {
      guild = composeWithGuild(sources);
    });

    it("give the same API schema as Apollo's composition", () => {
      // On failure jest prints a line diff: "Expected" is Apollo's API schema, "Received" The Guild's.
      expect(sortedSdl(guild.apiSchema)).toBe(sortedSdl(ours.apiSchema));
    });

    it('hide every @inaccessible element of their supergraph from clients', () => {
      expect(leakedInaccessible(guild.supergraphSdl, guild.apiSchema)).toEqual([]);
      // The real subgraphs do mark fields @inaccessible, so the line above checks something.
      expect(guild.supergraphSdl).toContain('@inaccessible');
    });
  });
});

describe('composeWithGuild', () => {
  it('composes the fakes into a supergraph that records their URLs', () => {
    const { supergraphSdl } = composeWithGuild([owner, extender]);
    expect(supergraphSdl).toContain('url: "http://localhost:4001/graphql"');
    expect(supergraphSdl).toContain('url: "http://localhost:4003/graphql"');
    expect(supergraphSdl.endsWith('\n')).toBe(true);
  });

  it('gives the API schema of the fakes without their @inaccessible field, as Apollo does', async () => {
    const guild = composeWithGuild([owner, extender]);
    const district = guild.apiSchema.getType('District');
    expect(district && 'getFields' in district ? Object.keys(district.getFields()).sort() : []).toEqual([
      'code',
      'name',
      'teacherCount',
      'trainedTeachers',
    ]);
    expect(sortedSdl(guild.apiSchema)).toBe(sortedSdl((await composeSupergraph([owner, extender])).apiSchema));
  });

  it('lets the comparison see a difference between two API schemas', async () => {
    // The check on the real subgraphs compares sorted SDL; a field missing on one side must show.
    const withoutCount: SubgraphSource = { ...owner, sdl: owner.sdl.replace('teacherCount: Int', '') };
    const guild = composeWithGuild([withoutCount, extender]);
    const ours = await composeSupergraph([owner, extender]);
    expect(sortedSdl(ours.apiSchema)).toContain('teacherCount: Int');
    expect(sortedSdl(guild.apiSchema)).not.toContain('teacherCount');
    expect(sortedSdl(guild.apiSchema)).not.toBe(sortedSdl(ours.apiSchema));
  });

  it('refuses conflicting subgraphs, listing each error with its code', async () => {
    const conflicting: SubgraphSource = {
      ...extender,
      // A root field owned by another subgraph, with another type and no @shareable: composition must refuse.
      sdl: extender.sdl.replace('type Query {', 'type Query { district(code: ID!): Int'),
    };
    let refusal: unknown;
    try {
      composeWithGuild([owner, conflicting]);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(GuildCompositionError);
    const { message, errors } = refusal as GuildCompositionError;
    expect(errors.length).toBeGreaterThan(0);
    expect(message).toMatch(/^The Guild's federation-composition refused the subgraphs\. Composition failed with \d+ errors?:/);
    expect(message).toMatch(/\[[A-Z_]+\]/);
    // Every error is listed, and the conflict names the field and both subgraphs.
    for (const error of errors) expect(message).toContain(error.message);
    expect(message).toMatch(/Query\.district/);
    expect(message).toMatch(/"schools"/);
    expect(message).toMatch(/"skb"/);
    // Apollo's composer refuses the same subgraphs.
    await expect(composeSupergraph([owner, conflicting])).rejects.toThrow(/Composition failed/);
  });
});

describe('guildAgreementReport (the line the report CLI prints)', () => {
  const conflicting: SubgraphSource = {
    ...extender,
    sdl: extender.sdl.replace('type Query {', 'type Query { district(code: ID!): Int'),
  };

  it('says both composers agree when the API schemas are the same', async () => {
    const { apiSchema } = await composeSupergraph([owner, extender]);
    expect(guildAgreementReport([owner, extender], apiSchema)).toMatch(
      /^Schema check \(The Guild's federation-composition\): both composers agree/,
    );
  });

  it('shows the lines that differ when they are not', async () => {
    const { apiSchema } = await composeSupergraph([owner, extender]);
    const withoutCount: SubgraphSource = { ...owner, sdl: owner.sdl.replace('teacherCount: Int', '') };
    const report = guildAgreementReport([withoutCount, extender], apiSchema);
    expect(report).toMatch(/the API schemas DIFFER/);
    expect(report).toMatch(/^- +\d+ \| +teacherCount: Int$/m);
  });

  it("passes The Guild's errors on when it refuses the subgraphs", async () => {
    const { apiSchema } = await composeSupergraph([owner, extender]);
    const report = guildAgreementReport([owner, conflicting], apiSchema);
    expect(report).toMatch(/REFUSED/);
    expect(report).toMatch(/\[[A-Z_]+\] .*Query\.district/);
  });
});
