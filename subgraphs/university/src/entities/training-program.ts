import { DecimalType, Entity, Enum, Index, Property } from '@mikro-orm/core';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { IdColumn } from '@mitra/kit';
import { TrainingTier } from '../graphql/enums';

@ObjectType({ description: 'A training program of a university or training provider: its curriculum, tier and pass mark.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'training_program' })
@Index({ properties: ['tier', 'code'] })
export class TrainingProgram {
  @IdColumn()
  id!: string;

  @Field({ description: 'Code of the program, unique, e.g. "DB-PAUD-01".' })
  // Shareable: the skb answers code, title and tier too under TrainingEvent.program (@provides, from its mirror of the catalogue).
  @Directive('@shareable')
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field({ description: 'Title of the program.' })
  @Directive('@shareable')
  @Property({ type: 'text' })
  title!: string;

  @Field(() => TrainingTier, { description: 'The tier of the Diklat Berjenjang it belongs to.' })
  @Directive('@shareable')
  @Enum({ items: () => TrainingTier })
  tier!: TrainingTier;

  @Field(() => Int, { description: 'Total hours of learning (jam pelajaran).' })
  @Property({ type: 'integer' })
  hours!: number;

  @Field({
    description:
      'Whether the program is a tier of the Diklat Berjenjang (Dasar, Lanjut, Mahir). Only a tiered program, attended and passed, completes its tier; a technical bimtek (bimtek teknis) is not tiered and completes none, whatever its tier.',
  })
  @Property({ type: 'boolean' })
  tiered!: boolean;

  /** Resolved to `prerequisite` through a loader; not a field of its own. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  prerequisiteId?: string | null;

  /** The university or training provider that owns the program (the `org` of its tokens): only it records results (issue 12). */
  @Property({ type: 'text' })
  @Index({ name: 'training_program_provider_org_index' })
  providerOrg!: string;

  // numeric(5,2), as the scores it is compared with; DecimalType('number') makes it a JS number.
  @Field(() => Float, {
    nullable: true,
    description: 'Post-test score (0..100) at or above which an assessment of this program passes.',
  })
  @Property({ type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  passMark?: number | null;
}
