import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The schools partner's District, by key; this subgraph adds `training`. */
@ObjectType('District')
@Directive('@key(fields: "code")')
export class DistrictRef {
  @Field(() => ID)
  code!: string;

  /** The district's teachers' keys, resolved by the schools partner (internal, never shown to clients); decoded by the reference resolver. */
  teacherKeys?: string[];

  /** The same keys as they arrive, one compact string (the kit's teacher-keys.ts). */
  @Field(() => String, { name: 'teacherKeys' })
  @Directive('@external')
  compactTeacherKeys?: string;

  /** The schools partner's (@external); answered here only under `Venue.district` (@provides), from the mirrored catalogue. */
  @Field()
  @Directive('@external')
  name?: string;

  static of(code: string, teacherKeys?: string[]): DistrictRef {
    return Object.assign(new DistrictRef(), { code, teacherKeys });
  }
}
