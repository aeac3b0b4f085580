import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Administrative area (kabupaten/kota, or kecamatan), keyed by its Kemendagri code, e.g. "64.71".' })
@Directive('@key(fields: "code")')
@Entity({ tableName: 'district' })
export class District {
  @Field(() => ID, {
    description:
      'Kemendagri code, e.g. "64.71" (Kota Balikpapan). Client caches key District by `code` (docs/dashboard-and-clients.md, "Client caches").',
  })
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field({ description: 'Name, e.g. "Kota Balikpapan".' })
  // Shareable: the skb answers it too under Venue.district (@provides, from its mirror of the catalogue).
  @Directive('@shareable')
  @Property({ type: 'text' })
  name!: string;

  @Field(() => ID, { description: 'Kemendagri code of the province, e.g. "64" (Kalimantan Timur).' })
  @Property({ type: 'text' })
  provinceCode!: string;
}
