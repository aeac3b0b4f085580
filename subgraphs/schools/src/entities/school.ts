import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DistrictCodeColumn } from '@mitra/kit';
import { SchoolKind } from '../graphql/enums';

@ObjectType()
@Directive('@key(fields: "npsn")')
@Entity({ tableName: 'school' })
export class School {
  @Field(() => ID, { description: 'Nomor Pokok Sekolah Nasional: 8 digits.' })
  @PrimaryKey({ type: 'text' })
  npsn!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => SchoolKind)
  @Enum({ items: () => SchoolKind })
  kind!: SchoolKind;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  /** Resolved to `district` through a loader; not a field of its own. */
  @DistrictCodeColumn()
  districtCode!: string;
}
