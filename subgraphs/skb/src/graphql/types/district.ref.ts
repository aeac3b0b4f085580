import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The schools partner's District, by key only; this subgraph adds `training`. */
@ObjectType('District')
@Directive('@key(fields: "code")')
export class DistrictRef {
  @Field(() => ID)
  code!: string;

  static of(code: string): DistrictRef {
    return Object.assign(new DistrictRef(), { code });
  }
}
