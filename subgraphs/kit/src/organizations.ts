import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A partner organisation as the skb and university subgraphs return it: its
 * key (the `org` claim, e.g. `skb:balikpapan-selatan`) and nothing else. The
 * schools subgraph keeps the organisation directory (kind, name, district)
 * and the gateway fetches those fields from it. A row's owner is shown this
 * way (`Venue.owner`, `TrainingProgram.provider`, …):
 *
 *     @Field(() => OrganizationRef)
 *     owner(@Root() venue: Venue) { return OrganizationRef.of(venue.ownerOrg); }
 */
@ObjectType('Organization', { description: 'A partner institution. Its id is the `org` claim of its tokens.' })
@Directive('@key(fields: "id", resolvable: false)')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): OrganizationRef {
    return Object.assign(new OrganizationRef(), { id });
  }
}
