/**
 * Operations across partners whose query plans are budgeted (the plan test
 * in schema/test/query-plans.test.ts) and measured (`npm run bench`, which
 * imports them): a teacher with everything every partner knows of her, and
 * a page of 100 such teachers. The dashboard's operations are budgeted from
 * its persisted-query manifest.
 */
export const TEACHER_FIELDS = `
  id fullName nuptk employmentStatus highestQualification meetsQualificationStandard
  school { npsn name kind district { code name } partnership { studyProgram signedOn validUntil active } }
  qualifications { level field institution graduationYear verified }
  trainingHistory { status participantName event { id title startsOn endsOn status venue { name district { name } } program { code title tier } } }
  assessments { preTestScore postTestScore gain microteachingScore passed assessedOn program { code tier } event { title } }
  highestCompletedTier`;

export const TEACHER_QUERY = `query Teacher($id: ID!) { teacher(id: $id) { ${TEACHER_FIELDS} } }`;

export const TEACHER_PAGE_QUERY = `query TeacherPage($district: ID!) {
  teachers(first: 100, filter: { districtCode: $district }) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${TEACHER_FIELDS} } } }
}`;
