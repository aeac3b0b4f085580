import 'reflect-metadata';
import { buildSchema, parse, type DocumentNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { migrationsOutOfOrder, printSubgraphSdl, viewerFromClaims } from '@mitra/kit';
import { definition, migrations } from '../src/subgraph';
import { scoreGain } from '../src/graphql/assessment.resolver';
import { currentPartnership, isActive, partnershipToday } from '../src/entities/partnership-term';

let sdl: string;
let doc: DocumentNode;

beforeAll(async () => {
  sdl = await printSubgraphSdl(definition);
  doc = parse(sdl);
});

/** The SDL without its (block) descriptions, for assertions on signatures alone. */
const withoutDescriptions = (text: string) => text.replace(/"""[\s\S]*?"""/g, '');

function objectType(name: string): ObjectTypeDefinitionNode {
  const node = doc.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === 'ObjectTypeDefinition' && d.name.value === name);
  if (!node) throw new Error(`type ${name} is missing from the SDL`);
  return node;
}

/** `field(args): Type` as printed, e.g. `trainingPrograms(tier: TrainingTier): [TrainingProgram!]!`. */
function signatures(name: string): string[] {
  const printType = (t: TypeNode): string =>
    t.kind === 'NonNullType' ? `${printType(t.type)}!` : t.kind === 'ListType' ? `[${printType(t.type)}]` : t.name.value;
  return (objectType(name).fields ?? []).map((f) => {
    const args = f.arguments?.length ? `(${f.arguments.map((a) => `${a.name.value}: ${printType(a.type)}`).join(', ')})` : '';
    return `${f.name.value}${args}: ${printType(f.type)}`;
  });
}

function keys(name: string): string[] {
  return (objectType(name).directives ?? [])
    .filter((d) => d.name.value === 'key')
    .map((d) =>
      (d.arguments ?? [])
        .map((a) => `${a.name.value}: ${a.value.kind === 'StringValue' || a.value.kind === 'BooleanValue' ? String(a.value.value) : ''}`)
        .join(', '),
    );
}

describe('university SDL', () => {
  it('contains the contract fields of the university types', () => {
    expect(signatures('Lecturer')).toEqual(
      expect.arrayContaining(['id: ID!', 'fullName: String!', 'academicTitle: String', 'expertise: [String!]!']),
    );
    expect(signatures('Module')).toEqual(expect.arrayContaining(['id: ID!', 'title: String!', 'hours: Int!', 'lecturer: Lecturer']));
    expect(signatures('TrainingProgram')).toEqual(
      expect.arrayContaining([
        'id: ID!',
        'code: String!',
        'title: String!',
        'tier: TrainingTier!',
        'hours: Int!',
        'modules: [Module!]!',
        'prerequisite: TrainingProgram',
      ]),
    );
    expect(signatures('Assessment')).toEqual(
      expect.arrayContaining([
        'id: ID!',
        'teacher: Teacher',
        'program: TrainingProgram!',
        'event: TrainingEvent',
        'preTestScore: Float',
        'postTestScore: Float',
        'gain: Float',
        'microteachingScore: Float',
        'passed: Boolean!',
        'assessedOn: Date!',
      ]),
    );
    expect(signatures('Partnership')).toEqual(
      expect.arrayContaining(['id: ID!', 'studyProgram: String!', 'signedOn: Date!', 'validUntil: Date', 'active: Boolean!']),
    );
    // Issue 12: every row names its owner, an Organization by key (the schools partner serves its other fields).
    expect(signatures('TrainingProgram')).toEqual(expect.arrayContaining(['provider: Organization!', 'passMark: Float']));
    expect(signatures('Lecturer')).toContain('organization: Organization!');
    expect(signatures('Partnership')).toEqual(expect.arrayContaining(['provider: Organization!', 'school: School']));
    expect(signatures('Organization')).toEqual(['id: ID!']);
    expect(keys('Organization')).toEqual(['fields: id, resolvable: false']);
    expect(sdl).toMatch(/enum TrainingTier \{[^}]*BASIC[^}]*INTERMEDIATE[^}]*ADVANCED[^}]*\}/);
    expect(sdl).toContain('scalar Date');
  });

  it('contains the university root fields and its mutations', () => {
    expect(signatures('Query')).toEqual(
      expect.arrayContaining([
        'trainingProgram(id: ID!): TrainingProgram',
        'trainingPrograms(tier: TrainingTier): [TrainingProgram!]',
        'lecturer(id: ID!): Lecturer',
        'lecturers: [Lecturer!]',
      ]),
    );
    // type-graphql prints a field's arguments last first (as in every subgraph): the order of arguments is not part of a signature.
    expect(signatures('Mutation').sort()).toEqual([
      'addModule(input: ModuleInput!, programId: ID!): Module!',
      'closeConsultation(status: ConsultationStatus!, id: ID!): ConsultationRequest!',
      'createLecturer(input: LecturerInput!): Lecturer!',
      'createPartnership(input: PartnershipInput!): Partnership!',
      'createTrainingProgram(input: TrainingProgramInput!): TrainingProgram!',
      'recordAssessment(input: AssessmentInput!): Assessment!',
      'recordFollowUp(input: FollowUpInput!): FollowUp!',
      'requestConsultation(input: ConsultationInput!): ConsultationRequest!',
      'scheduleConsultation(consultantId: ID, at: DateTime!, id: ID!): ConsultationRequest!',
    ]);
    expect(withoutDescriptions(sdl)).toMatch(
      /input AssessmentInput \{\s*teacherId: ID!\s*programId: ID!\s*eventId: ID\s*preTestScore: Float\s*postTestScore: Float\s*microteachingScore: Float\s*passed: Boolean!\s*assessedOn: Date!\s*\}/,
    );
  });

  it('takes the catalogue inputs of contract v2', () => {
    const input = (name: string) =>
      new RegExp(`input ${name} \\{([^}]*)\\}`).exec(withoutDescriptions(sdl))?.[1].trim().split(/\s+/).join(' ');
    expect(input('TrainingProgramInput')).toBe(
      'code: String! title: String! tier: TrainingTier! hours: Int! prerequisiteId: ID passMark: Float tiered: Boolean',
    );
    expect(input('ModuleInput')).toBe('title: String! hours: Int! lecturerId: ID areas: [CompetencyArea!]');
    expect(input('LecturerInput')).toBe('fullName: String! academicTitle: String expertise: [String!]');
    expect(input('PartnershipInput')).toBe('npsn: ID! studyProgram: String! signedOn: Date! validUntil: Date');
  });

  it("extends the other partners' School and Teacher with the university fields, by key only", () => {
    expect(signatures('School')).toEqual(['npsn: ID!', 'consultations: [ConsultationRequest!]', 'partnership: Partnership']);
    expect(signatures('Teacher')).toEqual([
      'id: ID!',
      'assessments: [Assessment!]',
      'followUps: [FollowUp!]',
      'highestCompletedTier: TrainingTier',
      'nextTier: TrainingTier',
    ]);
    // The event's title is the skb's, answered here only under Assessment.event (@provides, mirrored catalogue).
    expect(signatures('TrainingEvent')).toEqual(['id: ID!', 'title: String!', 'outcomes: TrainingOutcomes!']);
    expect(sdl).toMatch(/event: TrainingEvent @provides\(fields: "title"\)/);
    expect(signatures('District')).toEqual([
      'code: ID!',
      'teacherKeys: String!',
      'training(year: Int): TrainingCoverage',
      'trainingOutcomes: [TierOutcomes!]!',
    ]);
  });

  it('declares the federation keys', () => {
    expect(sdl).toContain('extend schema @link(url: "https://specs.apollo.dev/federation/v2.7"');
    expect(keys('Lecturer')).toEqual(['fields: id']);
    expect(keys('TrainingProgram')).toEqual(['fields: id']);
    expect(keys('Assessment')).toEqual(['fields: id']);
    expect(keys('Partnership')).toEqual(['fields: id']);
    expect(keys('Teacher')).toEqual(['fields: id']);
    expect(keys('School')).toEqual(['fields: npsn']);
    expect(keys('TrainingEvent')).toEqual(['fields: id']);
    expect(keys('District')).toEqual(['fields: code']);
    expect(keys('TrainingCoverage')).toEqual(['fields: teacherKeys year']);
    expect(keys('FollowUp')).toEqual(['fields: id']);
    expect(keys('Module')).toEqual([]);
  });

  it('does not define types that other partners own or serve', () => {
    for (const name of ['Registration', 'Venue', 'EventSession']) {
      expect(sdl).not.toMatch(new RegExp(`type ${name}\\b`));
    }
    expect(signatures('School')).not.toContain('name: String!');
    // Its half of TrainingCoverage only: attendance is the SKB's.
    expect(signatures('TrainingCoverage')).not.toContain('teachersTrained: Int');
  });

  it('has a reference resolver for every entity it owns or extends', () => {
    expect(Object.keys(definition.references).sort()).toEqual([
      'Assessment',
      'ConsultationRequest',
      'District',
      'FollowUp',
      'Lecturer',
      'Partnership',
      'PersonReach',
      'School',
      'Teacher',
      'TrainingCoverage',
      'TrainingEvent',
      'TrainingNeed',
      'TrainingProgram',
    ]);
    expect(definition.references.School({ npsn: '64710001' }, {})).toEqual({ npsn: '64710001' });
    const partner = { viewer: viewerFromClaims({ sub: 's', org: 'skb:balikpapan-selatan', roles: ['staff'] }), fromGateway: true };
    const analyst = { viewer: viewerFromClaims({ sub: 's', org: 'government:kaltim', roles: ['analyst'] }), fromGateway: true };
    expect(definition.references.Teacher({ id: 'x' }, partner)).toEqual({ id: 'x' });
    // Person-level however it is reached: a government token asking _entities for a Teacher is refused.
    expect(() => definition.references.Teacher({ id: 'x' }, analyst)).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );
    expect(() => definition.references.Teacher({ id: 'x' }, { viewer: null, fromGateway: true })).toThrow(
      expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }),
    );
  });

  it('is valid GraphQL once the federation directives are declared', () => {
    const prelude = [
      'directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE',
      'directive @link(url: String!, import: [String]) repeatable on SCHEMA',
      'directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ENUM | ENUM_VALUE | SCALAR | INPUT_OBJECT | INPUT_FIELD_DEFINITION | ARGUMENT_DEFINITION',
      'directive @external on OBJECT | FIELD_DEFINITION',
      'directive @requires(fields: String!) on FIELD_DEFINITION',
      'directive @provides(fields: String!) on FIELD_DEFINITION',
      'directive @shareable repeatable on OBJECT | FIELD_DEFINITION',
      '',
    ].join('\n');
    expect(() => buildSchema(prelude + sdl)).not.toThrow();
  });
});

describe('computed fields', () => {
  it('gain is post minus pre in exact hundredths, null when either is missing', () => {
    expect(scoreGain(45.1, 72.3)).toBe(27.2);
    expect(scoreGain(68.1, 92.9)).toBe(24.8);
    expect(scoreGain(80, 75.55)).toBe(-4.45);
    expect(scoreGain(null, 70)).toBeNull();
    expect(scoreGain(70, null)).toBeNull();
  });

  it('a partnership is active from signedOn to validUntil inclusive, open-ended without validUntil', () => {
    const p = { signedOn: '2022-08-01', validUntil: '2027-07-31' };
    expect(isActive(p, '2022-07-31')).toBe(false);
    expect(isActive(p, '2022-08-01')).toBe(true);
    expect(isActive(p, '2027-07-31')).toBe(true);
    expect(isActive(p, '2027-08-01')).toBe(false);
    expect(isActive({ signedOn: '2023-01-15', validUntil: null }, '2099-01-01')).toBe(true);
  });

  it("a school's partnership is its active one, else its most recent one", () => {
    const expired = { id: 'a', signedOn: '2019-05-01', validUntil: '2022-04-30' };
    const current = { id: 'b', signedOn: '2018-01-01', validUntil: null };
    const future = { id: 'c', signedOn: '2030-01-01', validUntil: null };
    expect(currentPartnership([expired, current, future], '2025-01-01')).toBe(current);
    expect(currentPartnership([expired, future], '2025-01-01')).toBe(future);
    expect(currentPartnership([expired], '2025-01-01')).toBe(expired);
    expect(currentPartnership([], '2025-01-01')).toBeNull();
  });

  it('today is the calendar day in Balikpapan (UTC+8)', () => {
    expect(partnershipToday(new Date('2025-03-31T16:30:00Z'))).toBe('2025-04-01');
    expect(partnershipToday(new Date('2025-03-31T15:30:00Z'))).toBe('2025-03-31');
  });

  it('today changes at midnight in Balikpapan, whatever was asked just before', () => {
    // The day is kept per whole second: the last millisecond before midnight and the first after it differ.
    expect(partnershipToday(new Date('2025-03-31T15:59:59.999Z'))).toBe('2025-03-31');
    expect(partnershipToday(new Date('2025-03-31T15:59:59.000Z'))).toBe('2025-03-31');
    expect(partnershipToday(new Date('2025-03-31T16:00:00.000Z'))).toBe('2025-04-01');
    expect(partnershipToday(new Date('2025-03-31T15:59:59.500Z'))).toBe('2025-03-31');
    expect(partnershipToday(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01');
  });
});

describe('the university migrations', () => {
  it("have names that sort in the order they run, after the kit's", () => {
    expect(migrationsOutOfOrder(migrations)).toEqual([]);
  });
});
