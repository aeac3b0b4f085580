import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { TrainingTier } from '@mitra/kit';
import type { SkbContext } from '../context';
import type { ProgramNames } from '../loaders/catalogue';
import { DistrictRef } from './types/district.ref';
import { TrainingProgramRef } from './types/training-program.ref';

function unknown(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} is not in its owner's public catalogue`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
}

async function programNames(program: TrainingProgramRef, ctx: SkbContext): Promise<ProgramNames> {
  const names = await ctx.loaders.catalogue.programNames.load(program.id);
  if (!names) throw unknown('Program', program.id);
  return names;
}

/** The university's public names of a program, under `TrainingEvent.program` (@provides): public, like the catalogue. */
@Resolver(() => TrainingProgramRef)
export class ProgramNamesResolver {
  @FieldResolver(() => String)
  async code(@Root() program: TrainingProgramRef, @Ctx() ctx: SkbContext): Promise<string> {
    return (await programNames(program, ctx)).code;
  }

  @FieldResolver(() => String)
  async title(@Root() program: TrainingProgramRef, @Ctx() ctx: SkbContext): Promise<string> {
    return (await programNames(program, ctx)).title;
  }

  @FieldResolver(() => TrainingTier)
  async tier(@Root() program: TrainingProgramRef, @Ctx() ctx: SkbContext): Promise<TrainingTier> {
    return (await programNames(program, ctx)).tier;
  }
}

/** The schools partner's name of a district, under `Venue.district` (@provides): public, like `districts`. */
@Resolver(() => DistrictRef)
export class DistrictNameResolver {
  @FieldResolver(() => String)
  async name(@Root() district: DistrictRef, @Ctx() ctx: SkbContext): Promise<string> {
    const name = await ctx.loaders.catalogue.districtNames.load(district.code);
    if (name === null) throw unknown('District', district.code);
    return name;
  }
}
