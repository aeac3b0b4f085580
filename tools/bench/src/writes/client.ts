import { DEMO_IDS } from '@mitra/fixtures';
import { todayWita } from '@mitra/kit';

export type Kind =
  | 'read:catalogue'
  | 'read:teachers'
  | 'read:statistics'
  | 'read:event'
  | 'createTeacher'
  | 'createTrainingEvent'
  | 'openEvent'
  | 'registerParticipant'
  | 'recordAttendance';
export type Caller = 'anonymous' | 'partner' | 'analyst' | 'schoolAdmin' | 'skbAdmin' | 'skbStaff';

export interface Registration {
  id: string;
  eventId: string;
  teacherId: string | null;
  participantName: string;
  /** The last attendance the hub acknowledged. */
  status: 'REGISTERED' | 'ATTENDED' | 'NO_SHOW';
}

/** What the hub said it did: checked against the databases afterwards. */
export interface Acknowledged {
  teachers: Map<string, string>;
  events: Set<string>;
  registrations: Map<string, Registration>;
  /** Attendance changes acknowledged (a change of status writes one audit row; the same status again writes none). */
  attendanceChanges: number;
}

/** One request through the gateway as `caller`: its data, or undefined when the answer was not the expected one. */
export type Send = (
  kind: Kind,
  caller: Caller,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<Record<string, unknown> | undefined>;

const QUERIES: Record<Exclude<Kind, 'openEvent'>, string> = {
  'read:catalogue':
    'query LoadCatalogue { trainingPrograms { code title tier } venues { name capacity } trainingEvents(first: 20, filter: { status: OPEN }) { totalCount edges { node { id title startsOn } } } }',
  'read:teachers':
    'query LoadTeachers { teachers(first: 20, filter: { districtCode: "64.71" }) { totalCount edges { node { fullName school { name } trainingHistory { status } highestCompletedTier } } } }',
  'read:statistics':
    'query LoadStatistics { district(code: "64.71") { teacherCount qualifications { teacherCount meetingStandard } training { teachersTrained } } }',
  'read:event': 'query LoadEvent($id: ID!) { trainingEvent(id: $id) { title capacity registrations { id status participantName } } }',
  createTeacher: 'mutation LoadCreateTeacher($input: TeacherInput!) { createTeacher(input: $input) { id fullName } }',
  createTrainingEvent: 'mutation LoadCreateEvent($input: TrainingEventInput!) { createTrainingEvent(input: $input) { id } }',
  registerParticipant:
    'mutation LoadRegister($e: ID!, $t: ID, $name: String) { registerParticipant(eventId: $e, teacherId: $t, participantName: $name) { id participantName status } }',
  recordAttendance:
    'mutation LoadAttendance($r: ID!, $s: RegistrationStatus!) { recordAttendance(registrationId: $r, status: $s) { id status } }',
};
const OPEN_EVENT = 'mutation LoadOpenEvent($id: ID!) { setTrainingEventStatus(id: $id, status: OPEN) { id status } }';

/** An event's seats (the hall holds 60): a client opens a new event before its current one is full. */
const SEATS = 60;

/** One of the concurrent clients: a closed loop of requests, remembering what the hub acknowledged. */
export class LoadClient {
  private event: { id: string; taken: number } | undefined;
  private readonly teachersToRegister: string[] = [];
  private readonly mine: Registration[] = [];
  private serial = 0;

  constructor(
    private readonly index: number,
    private readonly run: string,
    private readonly send: Send,
    private readonly acknowledged: Acknowledged,
  ) {}

  async openEvent(): Promise<void> {
    const day = todayWita();
    const created = await this.send('createTrainingEvent', 'skbAdmin', QUERIES.createTrainingEvent, {
      input: {
        title: `Beban ${this.run} ${this.index}-${++this.serial}`,
        programId: DEMO_IDS.programs.basic,
        venueId: DEMO_IDS.venues.hall,
        startsOn: day,
        endsOn: day,
        capacity: SEATS,
      },
    });
    const id = (created?.createTrainingEvent as { id?: string } | undefined)?.id;
    if (!id) return;
    this.acknowledged.events.add(id);
    if (await this.send('openEvent', 'skbAdmin', OPEN_EVENT, { id })) this.event = { id, taken: 0 };
  }

  /** One request: half reads, half writes, in the mix a partner hub sees on a busy training day. */
  async step(): Promise<void> {
    if (!this.event || this.event.taken >= SEATS) return this.openEvent();
    const roll = Math.random();
    if (roll < 0.5) {
      const kinds: Array<[Kind, Caller]> = [
        ['read:catalogue', 'anonymous'],
        ['read:teachers', 'partner'],
        ['read:statistics', 'analyst'],
        ['read:event', 'skbAdmin'],
      ];
      const [kind, caller] = kinds[Math.floor(Math.random() * kinds.length)];
      await this.send(kind, caller, QUERIES[kind as Exclude<Kind, 'openEvent'>], kind === 'read:event' ? { id: this.event.id } : undefined);
    } else if (roll < 0.65) {
      const fullName = `Guru Beban ${this.run} ${this.index}-${++this.serial}`;
      const data = await this.send('createTeacher', 'schoolAdmin', QUERIES.createTeacher, {
        input: { npsn: DEMO_IDS.firstBalikpapanSchool, fullName, employmentStatus: 'GTT' },
      });
      const id = (data?.createTeacher as { id?: string } | undefined)?.id;
      if (id) {
        this.acknowledged.teachers.set(id, fullName);
        this.teachersToRegister.push(id);
      }
    } else if (roll < 0.85) {
      // A teacher of the schools partner, registered by her own school (need-to-know: the SKB cannot look up a teacher it
      // has no relation with yet), or, with none at hand, a community member by name, registered by the SKB.
      const teacherId = this.teachersToRegister.shift() ?? null;
      const participantName = teacherId ? null : `Peserta Beban ${this.run} ${this.index}-${++this.serial}`;
      const event = this.event;
      event.taken += 1;
      const data = await this.send('registerParticipant', teacherId ? 'schoolAdmin' : 'skbAdmin', QUERIES.registerParticipant, {
        e: event.id,
        t: teacherId,
        name: participantName,
      });
      const registration = data?.registerParticipant as { id?: string; participantName?: string } | undefined;
      if (registration?.id) {
        const record: Registration = {
          id: registration.id,
          eventId: event.id,
          teacherId,
          participantName: registration.participantName ?? '',
          status: 'REGISTERED',
        };
        this.acknowledged.registrations.set(record.id, record);
        this.mine.push(record);
      }
    } else {
      const registration = this.mine[Math.floor(Math.random() * this.mine.length)];
      if (!registration) return;
      const status = Math.random() < 0.8 ? 'ATTENDED' : 'NO_SHOW';
      const data = await this.send('recordAttendance', 'skbStaff', QUERIES.recordAttendance, { r: registration.id, s: status });
      if ((data?.recordAttendance as { status?: string } | undefined)?.status === status) {
        if (registration.status !== status) this.acknowledged.attendanceChanges += 1;
        registration.status = status;
      }
    }
  }
}
