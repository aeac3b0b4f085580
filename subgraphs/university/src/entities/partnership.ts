import { Entity, Index, Property } from '@mikro-orm/core';
import { Authorized, Directive, Field, ObjectType } from 'type-graphql';
import { DateScalar, IdColumn, Rule } from '@mitra/kit';

/** A cooperation agreement between the university's study program and a school: not public, not personal (any token). */
@Authorized(Rule.AUTHENTICATED)
@ObjectType()
@Directive('@key(fields: "id")')
@Entity({ tableName: 'partnership' })
export class Partnership {
  @IdColumn()
  id!: string;

  /** The partner school (schools subgraph), by NPSN; reached as `School.partnership`, not a field here. */
  @Index()
  @Property({ type: 'text' })
  schoolNpsn!: string;

  @Field({ description: "The study program's name, e.g. Prodi PAUD Universitas Mulia." })
  @Property({ type: 'text' })
  studyProgram!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  signedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  validUntil?: string | null;
}
