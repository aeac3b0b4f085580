import { getIntrospectionQuery } from 'graphql';
import type { SyntheticWorld } from '@mitra/fixtures';
// The teacher documents whose query plans schema/test/query-plans.test.ts budgets: the bench measures the same.
import { TEACHER_PAGE_QUERY, TEACHER_QUERY } from '@mitra/schema';

/**
 * What `npm run bench` measures. Each operation is one GraphQL request
 * through the gateway, plus the floor: one SQL statement over a single
 * database that holds every partner's tables (`bench_floor`, schemas
 * `schools`, `university`, `skb`), building the same answer as JSON.
 *
 * Person-level answers depend on who asks (need-to-know). The floor's are
 * those of the bench's provider (provider.ts), which sees every teacher of
 * the district through its partnerships: the floor pages the whole district,
 * and shows a NUPTK where the viewer would see it (the teacher is registered
 * for an event at its venues or of its programs: for the bench provider,
 * nowhere).
 */

export type BenchViewer = 'anonymous' | 'partner' | 'analyst';

export interface BenchOperation {
  name: string;
  title: string;
  /** Who asks: the catalogue is public, persons need a partner, statistics any token. */
  viewer: BenchViewer;
  query: string;
  variables: Record<string, unknown>;
  /** One SQL statement building the same answer; none for an operation without database work. */
  floor: { sql: string; params: unknown[] } | null;
}

/** The district and teacher the operations ask about, chosen from the generated world. */
export interface BenchSubjects {
  districtCode: string;
  districtTeachers: number;
  teacherId: string;
}

/**
 * A district of median size (a typical page of 100 teachers), and in it a
 * teacher with a full record: several trainings and test results.
 */
export function pickSubjects(world: SyntheticWorld): BenchSubjects {
  const districts = [...world.districts].filter((d) => d.teachers > 0).sort((a, b) => a.teachers - b.teachers || a.index - b.index);
  const district = districts[Math.floor(districts.length / 2)];
  let best = { i: district.firstTeacher, score: -1 };
  for (let i = district.firstTeacher; i < district.firstTeacher + Math.min(district.teachers, 2000); i++) {
    const { registrations, assessments } = world.activity(i, district.index);
    const score = Math.min(registrations.length, 3) + Math.min(assessments.length, 3);
    if (score > best.score) best = { i, score };
    if (score >= 6) break;
  }
  return { districtCode: district.code, districtTeachers: district.teachers, teacherId: world.teacherId(best.i) };
}

const SCHOOLS_TEACHER_FIELDS = `
  id fullName nuptk employmentStatus highestQualification meetsQualificationStandard
  school { npsn name kind district { code name } }
  qualifications { level field institution graduationYear verified }`;

const BREAKDOWN = 'teacherCount meetingStandard shareMeetingStandard byLevel { level count } suppressed';

const LEVELS = `array['BELOW_HIGH_SCHOOL','HIGH_SCHOOL','D1','D2','D3','D4','S1','S2','S3']::text[]`;
const TIERS = `array['BASIC','INTERMEDIATE','ADVANCED']::text[]`;
const MEETS = `q.level in ('D4','S1','S2','S3') and q.field in ('EARLY_CHILDHOOD_EDUCATION','PSYCHOLOGY')`;
const ACTIVE = (x: string) => `(${x}.signed_on <= current_date and (${x}.valid_until is null or current_date <= ${x}.valid_until))`;

/** The NUPTK of teacher `p` where the viewer `org` sees it: registered for an event at its venues or of its programs. */
const NUPTK = (org: string) => `case when exists (
      select 1 from skb.registration nr join skb.training_event ne on ne.id = nr.event_id
      join skb.venue nv on nv.id = ne.venue_id join university.training_program np on np.id = ne.program_id
      where nr.teacher_id = p.id and (nv.owner_org = ${org} or np.provider_org = ${org})) then p.nuptk end`;

/**
 * Everything about the teachers in `page` (a CTE of schools.teacher rows), one
 * JSON object per row, as `node`; the viewer's organisation is parameter $2.
 */
function teacherJson(full: boolean): { select: string; joins: string } {
  const school = full
    ? `json_build_object('npsn', s.npsn, 'name', s.name, 'kind', s.kind, 'district', json_build_object('code', d.code, 'name', d.name), 'partnership', pa.j)`
    : `json_build_object('npsn', s.npsn, 'name', s.name, 'kind', s.kind, 'district', json_build_object('code', d.code, 'name', d.name))`;
  const select = `json_build_object(
    'id', p.id, 'fullName', p.full_name, 'nuptk', ${NUPTK('$2')}, 'employmentStatus', p.employment_status,
    'highestQualification', q.highest, 'meetsQualificationStandard', q.meets,
    'school', ${school}, 'qualifications', q.list
    ${full ? `, 'trainingHistory', th.list, 'assessments', asm.list, 'highestCompletedTier', tier.t` : ''})`;
  const joins = `
    join schools.school s on s.npsn = p.school_npsn
    join schools.district d on d.code = s.district_code
    cross join lateral (
      select coalesce(json_agg(json_build_object('level', q.level, 'field', q.field, 'institution', q.institution,
               'graduationYear', q.graduation_year, 'verified', q.verified) order by q.graduation_year, q.id), '[]') as list,
             (${LEVELS})[max(array_position(${LEVELS}, q.level))] as highest,
             coalesce(bool_or(${MEETS}), false) as meets
      from schools.qualification q where q.teacher_id = p.id) q
    ${
      full
        ? `left join lateral (
      select json_build_object('studyProgram', x.study_program, 'signedOn', x.signed_on, 'validUntil', x.valid_until, 'active', ${ACTIVE('x')}) as j
      from university.partnership x where x.school_npsn = s.npsn
      order by ${ACTIVE('x')} desc, x.signed_on desc, x.id limit 1) pa on true
    cross join lateral (
      select coalesce(json_agg(json_build_object('status', r.status, 'participantName', r.participant_name, 'event', json_build_object(
               'id', e.id, 'title', e.title, 'startsOn', e.starts_on, 'endsOn', e.ends_on, 'status', e.status,
               'venue', json_build_object('name', v.name, 'district', json_build_object('name', vd.name)),
               'program', json_build_object('code', tp.code, 'title', tp.title, 'tier', tp.tier))) order by e.starts_on, e.id, r.id), '[]') as list
      from skb.registration r
      join skb.training_event e on e.id = r.event_id
      join skb.venue v on v.id = e.venue_id
      join schools.district vd on vd.code = v.district_code
      join university.training_program tp on tp.id = e.program_id
      where r.teacher_id = p.id) th
    cross join lateral (
      select coalesce(json_agg(json_build_object('preTestScore', a.pre_test_score, 'postTestScore', a.post_test_score,
               'gain', a.post_test_score - a.pre_test_score, 'microteachingScore', a.microteaching_score, 'passed', a.passed,
               'assessedOn', a.assessed_on, 'program', json_build_object('code', ap.code, 'tier', ap.tier),
               'event', case when ae.id is null then null else json_build_object('title', ae.title) end) order by a.assessed_on, a.id), '[]') as list
      from university.assessment a
      join university.training_program ap on ap.id = a.program_id
      left join skb.training_event ae on ae.id = a.event_id
      where a.teacher_id = p.id) asm
    cross join lateral (
      select (${TIERS})[max(array_position(${TIERS}, tp2.tier))] as t
      from university.assessment a2 join university.training_program tp2 on tp2.id = a2.program_id
      where a2.teacher_id = p.id and a2.passed and tp2.tiered) tier`
        : ''
    }`;
  return { select, joins };
}

function teacherPageFloor(full: boolean): string {
  const { select, joins } = teacherJson(full);
  // The district's schools as an array, as the schools partner reads them: with a join, a generic plan of the prepared
  // statement walks every teacher in name order (30 ms instead of 3 at 100,000 teachers).
  const inDistrict = `from schools.teacher t where t.school_npsn = any(array(select npsn from schools.school where district_code = $1))`;
  return `with page as (select t.* ${inDistrict} order by t.full_name, t.id limit 100)
    select json_build_object(
      'totalCount', (select count(*) ${inDistrict}),
      'edges', coalesce(json_agg(json_build_object('node', ${select}) order by p.full_name, p.id), '[]')) as data
    from page p ${joins}`;
}

const CATALOGUE_FLOOR = `select json_build_object(
  'trainingPrograms', (select json_agg(json_build_object('id', p.id, 'code', p.code, 'title', p.title, 'tier', p.tier, 'hours', p.hours,
      'prerequisite', (select json_build_object('code', pp.code) from university.training_program pp where pp.id = p.prerequisite_id),
      'modules', (select coalesce(json_agg(json_build_object('title', m.title, 'hours', m.hours,
          'lecturer', (select json_build_object('fullName', l.full_name, 'academicTitle', l.academic_title) from university.lecturer l where l.id = m.lecturer_id))
          order by m.position), '[]') from university.module m where m.program_id = p.id))
      order by array_position(${TIERS}, p.tier), p.code, p.id) from university.training_program p),
  'lecturers', (select json_agg(json_build_object('id', l.id, 'fullName', l.full_name, 'academicTitle', l.academic_title, 'expertise', l.expertise)
      order by l.full_name, l.id) from university.lecturer l),
  'venues', (select json_agg(json_build_object('id', v.id, 'name', v.name, 'capacity', v.capacity, 'district', json_build_object('code', d.code, 'name', d.name))
      order by v.name, v.id) from skb.venue v join schools.district d on d.code = v.district_code),
  'trainingEvents', json_build_object(
      'totalCount', (select count(*) from skb.training_event where status = 'OPEN'),
      'edges', (select coalesce(json_agg(json_build_object('node', json_build_object('id', e.id, 'title', e.title, 'startsOn', e.starts_on,
          'endsOn', e.ends_on, 'status', e.status, 'venue', json_build_object('name', v.name),
          'program', json_build_object('code', tp.code, 'title', tp.title, 'tier', tp.tier))) order by e.starts_on, e.id), '[]')
        from (select * from skb.training_event where status = 'OPEN' order by starts_on, id limit 20) e
        join skb.venue v on v.id = e.venue_id join university.training_program tp on tp.id = e.program_id))) as data`;

const DISTRICT_STATISTICS_FLOOR = `with t as materialized (
    select t.id, coalesce(q.meets, false) as meets, q.lvl
    from schools.school s join schools.teacher t on t.school_npsn = s.npsn
    left join lateral (select bool_or(${MEETS}) as meets, max(array_position(${LEVELS}, q.level)) as lvl
      from schools.qualification q where q.teacher_id = t.id) q on true
    where s.district_code = $1),
  levels as (select lvl, count(*) as n from t group by lvl),
  trained as (select count(distinct r.teacher_id) as n from t join skb.registration r on r.teacher_id = t.id where r.status = 'ATTENDED'),
  results as (select a.teacher_id, a.passed, p.tier, p.tiered, a.post_test_score - a.pre_test_score as gain
    from t join university.assessment a on a.teacher_id = t.id join university.training_program p on p.id = a.program_id),
  tiers as (select teacher_id, max(array_position(${TIERS}, tier)) as tier from results where passed and tiered group by teacher_id)
  select json_build_object('code', d.code, 'name', d.name, 'teacherCount', (select count(*) from t),
    'qualifications', json_build_object('teacherCount', (select count(*) from t), 'meetingStandard', (select count(*) from t where meets),
      'shareMeetingStandard', (select avg(meets::int) from t),
      'byLevel', (select json_agg(json_build_object('level', lv.level, 'count', coalesce(levels.n, 0)) order by lv.i)
        from unnest(${LEVELS}) with ordinality as lv(level, i) left join levels on levels.lvl = lv.i)),
    'training', json_build_object('teachersTrained', (select n from trained),
      'byHighestTier', (select json_agg(json_build_object('tier', tr.tier, 'count', (select count(*) from tiers where tiers.tier = tr.i)) order by tr.i)
        from unnest(${TIERS}) with ordinality as tr(tier, i)),
      'meanGain', (select avg(gain) from results))) as data
  from schools.district d where d.code = $1`;

const NATIONAL_STATISTICS_FLOOR = `with q as materialized (
    select q.teacher_id, bool_or(${MEETS}) as meets, max(array_position(${LEVELS}, q.level)) as lvl
    from schools.qualification q group by q.teacher_id),
  per as (select s.district_code, q.lvl, count(*) as n, count(*) filter (where q.meets) as m
    from schools.teacher t join schools.school s on s.npsn = t.school_npsn left join q on q.teacher_id = t.id
    group by s.district_code, q.lvl),
  g as (select d.code, d.name, coalesce(sum(per.n), 0) as n, coalesce(sum(per.m), 0) as m,
      json_agg(json_build_object('level', (${LEVELS})[per.lvl], 'count', per.n) order by per.lvl) filter (where per.lvl is not null) as by_level
    from schools.district d left join per on per.district_code = d.code group by d.code, d.name)
  select json_build_object(
    'rows', (select json_agg(json_build_object('group', code, 'label', name, 'qualifications', json_build_object('teacherCount', n,
        'meetingStandard', m, 'shareMeetingStandard', case when n > 0 then m::float / n end, 'byLevel', by_level)) order by code) from g),
    'total', (select json_build_object('teacherCount', sum(n), 'meetingStandard', sum(m)) from g)) as data`;

/** The operations; `partnerOrg` reads the person-level ones (their floor shows NUPTKs as it would see them). */
export function benchOperations(subjects: BenchSubjects, partnerOrg: string): BenchOperation[] {
  const { districtCode, teacherId } = subjects;
  return [
    {
      name: 'introspection',
      title:
        'The standard introspection query (schema load of explorers, IDEs, codegen): answered by the gateway alone, the gateway-bound operation for the workers target',
      viewer: 'anonymous',
      query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }),
      variables: {},
      floor: null,
    },
    {
      name: 'catalogue',
      title: 'Public catalogue: programs with modules and lecturers, lecturers, venues, open events',
      viewer: 'anonymous',
      query: `query Catalogue {
        trainingPrograms { id code title tier hours prerequisite { code } modules { title hours lecturer { fullName academicTitle } } }
        lecturers { id fullName academicTitle expertise }
        venues { id name capacity district { code name } }
        trainingEvents(first: 20, filter: { status: OPEN }) { totalCount edges { node { id title startsOn endsOn status venue { name } program { code title tier } } } }
      }`,
      variables: {},
      floor: { sql: CATALOGUE_FLOOR, params: [] },
    },
    {
      name: 'teacher',
      title: 'One teacher with everything across partners',
      viewer: 'partner',
      query: TEACHER_QUERY,
      variables: { id: teacherId },
      floor: {
        sql: `with page as (select * from schools.teacher where id = $1) select ${teacherJson(true).select} as data from page p ${teacherJson(true).joins}`,
        params: [teacherId, partnerOrg],
      },
    },
    {
      name: 'teachers-100',
      title: `Page of 100 teachers of one district with everything across partners`,
      viewer: 'partner',
      query: TEACHER_PAGE_QUERY,
      variables: { district: districtCode },
      floor: { sql: teacherPageFloor(true), params: [districtCode, partnerOrg] },
    },
    {
      name: 'teachers-100-schools',
      title: "The same page with the schools partner's fields only (single subgraph: the gateway overhead target)",
      viewer: 'partner',
      query: `query TeacherPageSchools($district: ID!) {
        teachers(first: 100, filter: { districtCode: $district }) { totalCount edges { node { ${SCHOOLS_TEACHER_FIELDS} } } }
      }`,
      variables: { district: districtCode },
      floor: { sql: teacherPageFloor(false), params: [districtCode, partnerOrg] },
    },
    {
      name: 'district-statistics',
      title: 'District statistics: qualifications and training coverage of one district',
      viewer: 'analyst',
      query: `query DistrictStatistics($code: ID!) {
        district(code: $code) { code name teacherCount qualifications { ${BREAKDOWN} }
          training { teachersTrained byHighestTier { tier count } meanGain suppressed } }
      }`,
      variables: { code: districtCode },
      floor: { sql: DISTRICT_STATISTICS_FLOOR, params: [districtCode] },
    },
    {
      name: 'national-statistics',
      title: 'National statistics: qualifications by district',
      viewer: 'analyst',
      query: `query NationalStatistics {
        qualificationStatistics(groupBy: DISTRICT) { groupBy minimumCellSize rows { group label qualifications { ${BREAKDOWN} } } total { ${BREAKDOWN} } }
      }`,
      variables: {},
      floor: { sql: NATIONAL_STATISTICS_FLOOR, params: [] },
    },
  ];
}
