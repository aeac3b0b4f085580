import { Entity, Enum, Index, Property } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { IdColumn } from '@mitra/kit';
import { TrainingTier } from '../graphql/enums';

@ObjectType()
@Directive('@key(fields: "id")')
@Entity({ tableName: 'training_program' })
@Index({ properties: ['tier', 'code'] })
export class TrainingProgram {
  @IdColumn()
  id!: string;

  @Field()
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field()
  @Property({ type: 'text' })
  title!: string;

  @Field(() => TrainingTier)
  @Enum({ items: () => TrainingTier })
  tier!: TrainingTier;

  @Field(() => Int, { description: 'Total hours of learning (jam pelajaran).' })
  @Property({ type: 'integer' })
  hours!: number;

  /** Resolved to `prerequisite` through a loader; not a field of its own. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  prerequisiteId?: string | null;

  /** The university or training provider that owns the program (the `org` of its tokens): only it records results (issue 12). */
  @Property({ type: 'text' })
  @Index({ name: 'training_program_provider_org_index' })
  providerOrg!: string;
}
