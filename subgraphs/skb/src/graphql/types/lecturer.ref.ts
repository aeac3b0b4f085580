import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The university's Lecturer, by key only; this subgraph adds `facilitatedSessions`. */
@ObjectType('Lecturer')
@Directive('@key(fields: "id")')
export class LecturerRef {
  @Field(() => ID)
  id!: string;

  static of(id: string): LecturerRef {
    return Object.assign(new LecturerRef(), { id });
  }
}
