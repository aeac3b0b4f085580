import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { TrainingTier } from '@mitra/kit';

/**
 * The university's TrainingProgram, by key; this subgraph adds `events`.
 * Its public names are the university's (@external), answered here only
 * under `TrainingEvent.program` (@provides), from the catalogue this
 * partner mirrors through the gateway: no round trip to the university
 * after a page of trainings.
 */
@ObjectType('TrainingProgram')
@Directive('@key(fields: "id")')
export class TrainingProgramRef {
  @Field(() => ID)
  id!: string;

  @Field()
  @Directive('@external')
  code?: string;

  @Field()
  @Directive('@external')
  title?: string;

  @Field(() => TrainingTier)
  @Directive('@external')
  tier?: TrainingTier;

  static of(id: string): TrainingProgramRef {
    return Object.assign(new TrainingProgramRef(), { id });
  }
}
