import DataLoader from 'dataloader';
import { CatalogueMirror, oncePerService, readPublicCatalogue, type SubgraphConfig, type TrainingTier } from '@mitra/kit';

/** The public names of a university's or provider's program, as its owner publishes them. */
export interface ProgramNames {
  code: string;
  title: string;
  tier: TrainingTier;
}

/** How long a mirrored name is answered before it is asked for again (programs and districts do not change through the API). */
const MAX_AGE_MS = 10 * 60_000;

/**
 * The catalogue names this partner answers for others' entities it refers
 * to (`TrainingEvent.program @provides(fields: "code title tier")`,
 * `Venue.district @provides(fields: "name")`): the whole public list, read
 * through the gateway once per service and on an unknown id (kit's CatalogueMirror).
 */
const mirrorsOf = oncePerService((config: SubgraphConfig) => ({
  programs: new CatalogueMirror<ProgramNames>(async () => {
    const data = await readPublicCatalogue<{ trainingPrograms: Array<ProgramNames & { id: string }> | null }>(
      { url: config.gatewayUrl, secret: config.auth.gatewaySecret },
      'programs',
      'query CatalogueMirrorPrograms { trainingPrograms { id code title tier } }',
    );
    return new Map((data.trainingPrograms ?? []).map(({ id, code, title, tier }) => [id, { code, title, tier }]));
  }, MAX_AGE_MS),
  districtNames: new CatalogueMirror<string>(async () => {
    const data = await readPublicCatalogue<{ districts: Array<{ code: string; name: string }> | null }>(
      { url: config.gatewayUrl, secret: config.auth.gatewaySecret },
      'districts',
      'query CatalogueMirrorDistricts { districts { code name } }',
    );
    return new Map((data.districts ?? []).map((d) => [d.code, d.name]));
  }, MAX_AGE_MS),
}));

export interface CatalogueLoaders {
  programNames: DataLoader<string, ProgramNames | null>;
  districtNames: DataLoader<string, string | null>;
  /** What the mirrors already hold, without a promise: a page of 250 trainings asks for the same few names 1,000 times. */
  peekProgram(id: string): ProgramNames | undefined;
  peekDistrict(code: string): string | undefined;
}

export function createCatalogueLoaders(config: SubgraphConfig): CatalogueLoaders {
  const mirrors = mirrorsOf(config);
  return {
    programNames: new DataLoader((ids) => mirrors.programs.getMany(ids)),
    districtNames: new DataLoader((codes) => mirrors.districtNames.getMany(codes)),
    peekProgram: (id) => mirrors.programs.peek(id),
    peekDistrict: (code) => mirrors.districtNames.peek(code),
  };
}
