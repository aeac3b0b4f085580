import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { EmploymentStatus } from '../graphql/enums';

@ObjectType()
@Directive('@key(fields: "id")')
@Entity({ tableName: 'teacher' })
@Index({ properties: ['fullName', 'id'] })
@Index({ properties: ['schoolNpsn', 'fullName', 'id'] })
export class Teacher {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field()
  @Property({ type: 'text' })
  fullName!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Nomor Unik Pendidik dan Tenaga Kependidikan: 16 digits, unique when present.',
  })
  @Property({ type: 'text', nullable: true, unique: true })
  nuptk?: string | null;

  @Property({ type: 'text' })
  schoolNpsn!: string;

  @Field(() => EmploymentStatus)
  @Enum({ items: () => EmploymentStatus })
  employmentStatus!: EmploymentStatus;

  /** Personal data: exposed through a guarded field resolver, never directly. */
  @Property({ type: 'date', nullable: true })
  birthDate?: string | null;

  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
