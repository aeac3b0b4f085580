import { Entity, Index, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Authorized, DateScalar, IdColumn, Rule } from '@mitra/kit';

/** A cooperation agreement between a university's study program (or a training provider) and a school: not public, not personal (any token). */
@Authorized(Rule.AUTHENTICATED)
@ObjectType({ description: "A cooperation agreement between a university's study program (or a training provider) and a school." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'partnership' })
@Index({ name: 'partnership_provider_org_school_npsn_index', properties: ['providerOrg', 'schoolNpsn'] })
export class Partnership {
  @IdColumn()
  id!: string;

  /** The partner school (schools subgraph), by NPSN; shown as `school`, and the school shows its current one as `School.partnership`. */
  @Index()
  @Property({ type: 'text' })
  schoolNpsn!: string;

  @Field({ description: "The study program's name, e.g. Prodi PAUD Universitas Mulia." })
  @Property({ type: 'text' })
  studyProgram!: string;

  @Field(() => DateScalar, { description: 'The day it was signed.' })
  @Property({ type: 'date' })
  signedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day it is valid; null when open-ended.' })
  @Property({ type: 'date', nullable: true })
  validUntil?: string | null;

  /** The university or training provider that signed the agreement (the `org` of its tokens); shown as `provider`. */
  @Property({ type: 'text' })
  providerOrg!: string;
}
