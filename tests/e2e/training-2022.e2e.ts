import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql as send, type GqlOptions } from '../harness/client';
import { PARTNER, tokenFor } from '../harness/tokens';
import { MIN } from '../harness/statistics-oracle';

// Registrations are person-level: read here as a partner (the university's staff).
let token: string;
beforeAll(async () => {
  token = await tokenFor(PARTNER);
});
const gql = (query: string, variables?: Record<string, unknown>, options: GqlOptions = {}) => send(query, variables, { token, ...options });

const QUERY = `query($id: ID!) {
  trainingEvent(id: $id) {
    title startsOn endsOn status capacity attendanceRate
    venue { name district { code name } }
    program { code title tier modules { title lecturer { fullName } } }
    sessions { day kind topic startsAt endsAt facilitators { id fullName academicTitle } }
    registrations { participantName status teacher { id school { district { code } } } }
  }
}`;

// The field report's two-day training of November 2022, in one request.
describe('the November 2022 Balikpapan training', () => {
  let event: any;
  beforeAll(async () => {
    const { body } = await gql(QUERY, { id: DEMO_IDS.events.balikpapan2022 });
    expectNoErrors(body);
    event = body.data.trainingEvent;
  });

  it('took place in the hall of SKB Balikpapan Selatan, Kota Balikpapan, on two days', () => {
    expect(event.venue).toEqual({ name: 'Aula SKB Balikpapan Selatan', district: { code: '64.71', name: 'Kota Balikpapan' } });
    expect([event.startsOn, event.endsOn]).toEqual(['2022-11-14', '2022-11-15']);
    expect(event.status).toBe('COMPLETED');
    expect(event.program.code).toBe('PT-PAUD-2022');
  });

  it('had material by the three lecturers on day one and microteaching guided by the PAUD-practice lecturer on day two', () => {
    const day1 = event.sessions.filter((s: any) => s.day === 1);
    const day2 = event.sessions.filter((s: any) => s.day === 2);
    const material = day1.filter((s: any) => s.kind === 'MATERIAL').flatMap((s: any) => s.facilitators.map((f: any) => f.id));
    // The three lecturers of Prodi PAUD Universitas Mulia, the program's provider (LPD Banten's facilitators teach elsewhere).
    const { practice, psychology, management } = DEMO_IDS.lecturers;
    expect(new Set(material)).toEqual(new Set([practice, psychology, management]));
    expect(material.length).toBe(3);
    const micro = day2.find((s: any) => s.kind === 'MICROTEACHING');
    expect(micro.facilitators.map((f: any) => f.id)).toEqual([DEMO_IDS.lecturers.practice]);
    expect(micro.startsAt).toBe('2022-11-15T00:00:00.000Z'); // 08:00 WITA
  });

  it('was attended by city teachers and by PKK members from Muara Jawa registered by name only', () => {
    const pkk = event.registrations.filter((r: any) => r.teacher === null);
    expect(pkk.length).toBe(6);
    for (const r of pkk) expect(r.participantName).toMatch(/PKK Muara Jawa/);
    const teachers = event.registrations.filter((r: any) => r.teacher !== null);
    expect(teachers.length).toBeGreaterThanOrEqual(10);
    for (const r of teachers) expect(r.teacher.school.district.code).toBe('64.71');
    // Issue 14: attended ÷ (attended + no-show), withheld when either count is from 1 to MIN - 1.
    const attended = event.registrations.filter((r: any) => r.status === 'ATTENDED').length;
    const noShow = event.registrations.filter((r: any) => r.status === 'NO_SHOW').length;
    const small = (n: number) => n > 0 && n < MIN;
    expect(event.attendanceRate).toBe(
      small(attended) || small(noShow) ? null : Math.round((attended / (attended + noShow)) * 10_000) / 10_000,
    );
  });
});
