import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Lecturer } from '../entities/lecturer';
import { Module } from '../entities/module';
import type { UniversityContext } from '../context';

@Resolver(() => Module)
export class ModuleResolver {
  @FieldResolver(() => Lecturer, { nullable: true, description: 'The lecturer who teaches it; null when not named.' })
  lecturer(@Root() module: Module, @Ctx() ctx: UniversityContext): Promise<Lecturer | null> | null {
    return module.lecturerId ? ctx.loaders.lecturerById.load(module.lecturerId) : null;
  }
}
