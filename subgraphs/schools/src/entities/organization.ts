import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { OrganizationKind } from '../graphql/enums';

/**
 * The directory of partner organisations: SKBs, universities, training
 * providers and government offices, keyed by the `org` claim of their
 * tokens. Schools are organisations too (`school:<npsn>`), served from the
 * school table rather than copied here. The other partners return an owner
 * by key (`OrganizationRef` in the kit) and the gateway fetches the rest
 * here.
 */
@ObjectType({ description: 'A partner institution. Its id is the `org` claim of its tokens.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'organization' })
export class Organization {
  @Field(() => ID, { description: 'e.g. school:64710001, skb:balikpapan-selatan, university:mulia, provider:lpd-banten.' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field(() => OrganizationKind, { description: 'What kind of partner it is; the prefix of its id.' })
  @Index()
  @Enum({ items: () => OrganizationKind })
  kind!: OrganizationKind;

  @Field({ description: 'Name of the institution.' })
  @Property({ type: 'text' })
  name!: string;

  /** Resolved to `district` through a loader; null for a national office. */
  @Property({ type: 'text', nullable: true })
  districtCode?: string | null;
}
