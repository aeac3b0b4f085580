import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** A field a selection can name without arguments: none of its arguments is required. */
const askable = (field: GraphQLField<unknown, unknown>): boolean =>
  !field.name.startsWith('_') && field.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);

/**
 * A selection of every field of `type` that takes no required argument,
 * `depth` levels of objects down (abstract types through an inline fragment
 * per possible type), with `__typename` on each object: what a test asks to
 * exercise every resolver of a partner at once.
 */
export function everyField(schema: GraphQLSchema, type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (isAbstractType(type))
    return `__typename ${schema
      .getPossibleTypes(type)
      .map((t) => `... on ${t.name} { ${everyField(schema, t, depth)} }`)
      .join(' ')}`;
  if (!isObjectType(type)) return '';
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (!askable(field)) continue;
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) parts.push(field.name);
    else if (depth > 0) parts.push(`${field.name} { ${everyField(schema, inner, depth - 1)} }`);
  }
  return parts.join(' ');
}

/** Every root query field that takes no required argument, each with everyField below it. */
export function everyRootField(schema: GraphQLSchema, depth: number): string {
  const query = schema.getQueryType();
  if (!query) return '';
  return Object.values(query.getFields())
    .filter(askable)
    .map((field) => {
      const inner = getNamedType(field.type);
      return isLeafType(inner) ? field.name : `${field.name} { ${everyField(schema, inner, depth)} }`;
    })
    .join(' ');
}

/** The keys of a demo world's records, as representations name them (@mitra/fixtures' buildDemoWorld has them all). */
export interface KeyedWorld {
  teachers: Array<{ id: string }>;
  schools: Array<{ npsn: string }>;
  districts: Array<{ code: string }>;
  organizations: Array<{ id: string }>;
  events: Array<{ id: string }>;
  registrations: Array<{ id: string }>;
  programs: Array<{ id: string }>;
  lecturers: Array<{ id: string }>;
  venues: Array<{ id: string }>;
  assessments: Array<{ id: string }>;
  partnerships: Array<{ id: string }>;
  followUps: Array<{ id: string }>;
  trainingNeeds: Array<{ id: string }>;
  consultations: Array<{ id: string }>;
}

/** Representations of up to `perType` records of each entity type with a one-field key, and one unknown key each. */
export function entityRepresentations(world: KeyedWorld, perType: number): Record<string, object[]> {
  const unknownId = '00000000-0000-4000-8000-00000000dead';
  const of = <T>(typename: string, rows: T[], key: string, value: (row: T) => string, unknown = unknownId): object[] => [
    ...rows.slice(0, perType).map((row) => ({ __typename: typename, [key]: value(row) })),
    { __typename: typename, [key]: unknown },
  ];
  return {
    Teacher: of('Teacher', world.teachers, 'id', (r) => r.id),
    School: of('School', world.schools, 'npsn', (r) => r.npsn, '99999999'),
    District: of('District', world.districts, 'code', (r) => r.code, '99.99'),
    Organization: of('Organization', world.organizations, 'id', (r) => r.id, 'skb:nowhere'),
    TrainingEvent: of('TrainingEvent', world.events, 'id', (r) => r.id),
    Registration: of('Registration', world.registrations, 'id', (r) => r.id),
    TrainingProgram: of('TrainingProgram', world.programs, 'id', (r) => r.id),
    Lecturer: of('Lecturer', world.lecturers, 'id', (r) => r.id),
    Venue: of('Venue', world.venues, 'id', (r) => r.id),
    Assessment: of('Assessment', world.assessments, 'id', (r) => r.id),
    Partnership: of('Partnership', world.partnerships, 'id', (r) => r.id),
    FollowUp: of('FollowUp', world.followUps, 'id', (r) => r.id),
    TrainingNeed: of('TrainingNeed', world.trainingNeeds, 'id', (r) => r.id),
    ConsultationRequest: of('ConsultationRequest', world.consultations, 'id', (r) => r.id),
  };
}
