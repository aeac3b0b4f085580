import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DistrictCodeColumn } from '@mitra/kit';
import { SchoolKind } from '../graphql/enums';

@ObjectType({
  description:
    'A PAUD school (schools partner), keyed by its NPSN. Client caches key it by `npsn` (docs/dashboard-and-clients.md, "Client caches").',
})
@Directive('@key(fields: "npsn")')
@Entity({ tableName: 'school' })
export class School {
  @Field(() => ID, { description: 'Nomor Pokok Sekolah Nasional: 8 digits.' })
  @PrimaryKey({ type: 'text' })
  npsn!: string;

  @Field({ description: 'Name of the school, e.g. "TK Kemala Bhayangkari Balikpapan".' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => SchoolKind, { description: 'What kind of PAUD unit it is.' })
  @Enum({ items: () => SchoolKind })
  kind!: SchoolKind;

  @Field(() => String, { nullable: true, description: 'Street address; null when not known.' })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  /** Resolved to `district` through a loader; not a field of its own. */
  @DistrictCodeColumn()
  districtCode!: string;
}
