import { parse, type ObjectTypeDefinitionNode } from 'graphql';
import { migrationsOutOfOrder, printSubgraphSdl } from '@mitra/kit';
import { definition, migrations } from '../src/subgraph';
import { FieldOfStudy, QualificationLevel } from '../src/graphql/enums';
import { highestLevel, meetsStandard } from '../src/entities/qualification-standard';

describe('schools subgraph schema', () => {
  let types: Map<string, ObjectTypeDefinitionNode>;
  beforeAll(async () => {
    const doc = parse(await printSubgraphSdl(definition));
    types = new Map(
      doc.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === 'ObjectTypeDefinition').map((d) => [d.name.value, d]),
    );
  });

  it.each([
    ['Teacher', 'id'],
    ['School', 'npsn'],
    ['District', 'code'],
  ])('%s is an entity keyed by %s', (type, key) => {
    const directive = types.get(type)?.directives?.find((d) => d.name.value === 'key');
    const fields = directive?.arguments?.find((a) => a.name.value === 'fields')?.value;
    expect(fields && 'value' in fields ? fields.value : undefined).toBe(key);
  });

  it('keeps internal columns out of the schema', () => {
    const teacherFields = types.get('Teacher')!.fields!.map((f) => f.name.value);
    expect(teacherFields).not.toContain('schoolNpsn');
    // The version is public on purpose: updateTeacher takes the one a client read (optimistic concurrency).
    expect(teacherFields).toContain('version');
    expect(types.get('School')!.fields!.map((f) => f.name.value)).not.toContain('districtCode');
  });
});

describe('the qualification standard', () => {
  it('needs a D4/S1 or higher in early childhood education or psychology', () => {
    expect(meetsStandard({ level: QualificationLevel.S1, field: FieldOfStudy.EARLY_CHILDHOOD_EDUCATION })).toBe(true);
    expect(meetsStandard({ level: QualificationLevel.S2, field: FieldOfStudy.PSYCHOLOGY })).toBe(true);
    expect(meetsStandard({ level: QualificationLevel.D4, field: FieldOfStudy.PSYCHOLOGY })).toBe(true);
    expect(meetsStandard({ level: QualificationLevel.D3, field: FieldOfStudy.EARLY_CHILDHOOD_EDUCATION })).toBe(false);
    expect(meetsStandard({ level: QualificationLevel.S1, field: FieldOfStudy.OTHER_EDUCATION })).toBe(false);
  });

  it('orders levels from below high school to S3', () => {
    expect(highestLevel([QualificationLevel.S1, QualificationLevel.HIGH_SCHOOL, QualificationLevel.D3])).toBe(QualificationLevel.S1);
    expect(highestLevel([])).toBeNull();
  });
});

describe('the schools migrations', () => {
  it("have names that sort in the order they run, after the kit's", () => {
    expect(migrationsOutOfOrder(migrations)).toEqual([]);
  });
});
