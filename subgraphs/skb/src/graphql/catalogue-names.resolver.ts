import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { TrainingTier, mirrored } from '@mitra/kit';
import type { SkbContext } from '../context';
import type { ProgramNames } from '../loaders/catalogue';
import { DistrictRef } from './types/district.ref';
import { TrainingProgramRef } from './types/training-program.ref';

function programNames(program: TrainingProgramRef, ctx: SkbContext): ProgramNames | Promise<ProgramNames> {
  const { catalogue } = ctx.loaders;
  return mirrored(catalogue.peekProgram(program.id), () => catalogue.programNames.load(program.id), 'Program', program.id);
}

function pick<K extends keyof ProgramNames>(
  names: ProgramNames | Promise<ProgramNames>,
  key: K,
): ProgramNames[K] | Promise<ProgramNames[K]> {
  return names instanceof Promise ? names.then((n) => n[key]) : names[key];
}

/**
 * The university's public names of a program, under `TrainingEvent.program` (@provides): public, like the catalogue.
 * Answered at once when the mirror holds them (almost always): a promise per field cost more than the name.
 */
@Resolver(() => TrainingProgramRef)
export class ProgramNamesResolver {
  @FieldResolver(() => String)
  code(@Root() program: TrainingProgramRef, @Ctx() ctx: SkbContext): string | Promise<string> {
    return pick(programNames(program, ctx), 'code');
  }

  @FieldResolver(() => String)
  title(@Root() program: TrainingProgramRef, @Ctx() ctx: SkbContext): string | Promise<string> {
    return pick(programNames(program, ctx), 'title');
  }

  @FieldResolver(() => TrainingTier)
  tier(@Root() program: TrainingProgramRef, @Ctx() ctx: SkbContext): TrainingTier | Promise<TrainingTier> {
    return pick(programNames(program, ctx), 'tier');
  }
}

/** The schools partner's name of a district, under `Venue.district` (@provides): public, like `districts`. */
@Resolver(() => DistrictRef)
export class DistrictNameResolver {
  @FieldResolver(() => String)
  name(@Root() district: DistrictRef, @Ctx() ctx: SkbContext): string | Promise<string> {
    const { catalogue } = ctx.loaders;
    return mirrored(catalogue.peekDistrict(district.code), () => catalogue.districtNames.load(district.code), 'District', district.code);
  }
}
