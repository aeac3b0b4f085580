import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The university's PersonReach (the relations an organisation holds with
 * teachers), by key, with the programs it provides; this subgraph adds the
 * teachers registered for the organisation's events and its programs' events.
 */
@ObjectType('PersonReach')
@Directive('@key(fields: "org")')
export class PersonReachRef {
  @Field(() => ID)
  org!: string;

  /** The programs the organisation provides, resolved by the university partner. */
  @Field(() => [ID])
  @Directive('@external')
  programIds?: string[];

  static of(org: string, programIds?: string[]): PersonReachRef {
    return Object.assign(new PersonReachRef(), { org, programIds });
  }
}
