import { ArrayType, Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { CompetencyArea, IdColumn } from '@mitra/kit';

/** One unit of a training program's curriculum, taught by one lecturer. */
@ObjectType({ description: "One unit of a training program's curriculum, in teaching order." })
@Entity({ tableName: 'module' })
@Unique({ properties: ['programId', 'position'] })
export class Module {
  @IdColumn()
  id!: string;

  @Property({ type: 'uuid' })
  programId!: string;

  /** Place in the program's curriculum (1, 2, ...): modules are listed in teaching order. */
  @Property({ type: 'integer' })
  position!: number;

  @Field({ description: 'Title of the module.' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => Int, { description: 'Hours of learning (jam pelajaran).' })
  @Property({ type: 'integer' })
  hours!: number;

  /** The kit's CompetencyArea values, each once: what a need in that area finds this module's program by. */
  @Field(() => [CompetencyArea], { description: 'The areas of competence this module teaches.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  areas: CompetencyArea[] = [];

  /** Resolved to `lecturer` through a loader; not a field of its own. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  lecturerId?: string | null;
}
