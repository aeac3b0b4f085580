import { Entity, Index, Property } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DistrictCodeColumn, IdColumn } from '@mitra/kit';

@ObjectType({ description: 'A place where an SKB holds training events; the SKB that created it owns it.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'venue' })
@Index({ properties: ['name', 'id'] })
export class Venue {
  @IdColumn()
  id!: string;

  @Field({ description: "Name of the venue, unique among its SKB's venues." })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Street address; null when not given.' })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  /** The schools partner's District key; resolved to a `District` stub, not a field of its own. */
  @DistrictCodeColumn()
  districtCode!: string;

  @Field(() => Int, { description: 'Seats; no event here seats more.' })
  @Property({ type: 'integer' })
  capacity!: number;

  /** The SKB that owns the venue (the `org` of its tokens): only it runs events here (issue 12). */
  @Property({ type: 'text' })
  @Index({ name: 'venue_owner_org_index' })
  ownerOrg!: string;
}
