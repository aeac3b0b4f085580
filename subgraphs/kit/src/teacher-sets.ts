import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The key of an entity that stands for a set of teachers and that several
 * partners fill in (TrainingCoverage): the keys of the teachers themselves,
 * as the schools partner gives them (`District.teacherKeys`), so that the
 * gateway can join the partners' halves. The keys travel between subgraphs
 * only (@inaccessible), never to a client. Each partner declares the entity:
 *
 *     @ObjectType()
 *     @Directive('@key(fields: "teacherKeys")')
 *     export class TrainingCoverage extends TeacherSetKey { ... }
 */
// Not in any schema by itself: type-graphql emits only the types a schema reaches.
@ObjectType()
export abstract class TeacherSetKey {
  @Field(() => [ID])
  @Directive('@inaccessible')
  teacherKeys!: string[];
}
