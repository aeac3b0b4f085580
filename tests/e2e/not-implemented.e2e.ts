import { DEMO_IDS } from '@mitra/kit';
import { gql } from '../harness/client';

// Fields whose issues have not landed answer NOT_IMPLEMENTED, never invented data.
describe('capabilities of open issues', () => {
  const cases: Array<[string, string, Record<string, unknown>?]> = [
    ['createTeacher', 'mutation { createTeacher(input: { npsn: "64710001", fullName: "Uji Coba", employmentStatus: GTT }) { id } }'],
    ['addQualification', `mutation { addQualification(teacherId: "${DEMO_IDS.lecturers.practice}", input: { level: S1, field: OTHER }) { id } }`],
    ['recordAssessment', `mutation { recordAssessment(input: { teacherId: "x", programId: "y", passed: true, assessedOn: "2024-01-01" }) { id } }`],
    ['createTrainingEvent', `mutation { createTrainingEvent(input: { title: "T", programId: "p", venueId: "v", startsOn: "2027-01-01", endsOn: "2027-01-02", capacity: 10 }) { id } }`],
    ['registerParticipant', `mutation { registerParticipant(eventId: "${DEMO_IDS.events.basic2027}", participantName: "Uji") { id } }`],
    ['recordAttendance', 'mutation { recordAttendance(registrationId: "r", status: ATTENDED) { id } }'],
  ];

  it.each(cases)('%s answers NOT_IMPLEMENTED naming the capability', async (name, query) => {
    const { body } = await gql(query);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('NOT_IMPLEMENTED');
    expect(body.errors[0].message).toContain(name.split('.').pop());
  });
});
