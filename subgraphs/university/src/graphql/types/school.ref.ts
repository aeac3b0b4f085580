import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The schools partner's School, by key: this subgraph adds its partnership to it. */
@ObjectType('School')
@Directive('@key(fields: "npsn")')
export class SchoolRef {
  @Field(() => ID, { description: 'Nomor Pokok Sekolah Nasional: 8 digits.' })
  npsn!: string;

  static of(npsn: string): SchoolRef {
    return Object.assign(new SchoolRef(), { npsn });
  }
}
