import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Authorized, Rule } from '@mitra/kit';
import { Registration } from '../entities/registration';
import type { SkbContext } from '../context';
import { TeacherRef } from './types/teacher.ref';

/** What the skb adds to the schools partner's Teacher: person-level, as the owner's fields are. */
@Authorized(Rule.PERSONS)
@Resolver(() => TeacherRef)
export class TeacherResolver {
  @FieldResolver(() => [Registration], { nullable: true, description: 'Training events the teacher registered for and attended (skb).' })
  trainingHistory(@Root() teacher: TeacherRef, @Ctx() ctx: SkbContext): Promise<Registration[]> {
    return ctx.loaders.registrationsByTeacher.load(teacher.id);
  }
}
