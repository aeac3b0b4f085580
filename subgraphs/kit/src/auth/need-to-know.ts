import { GraphQLError } from 'graphql';
import { isUuid, NPSN_PATTERN, type Viewer } from '@mitra/runtime';
import type { PartnerApi } from '../partner-api';

/**
 * Who may see whom: the one rule for person-level data (a teacher, her
 * qualifications, registrations and assessments), written down once here and
 * as the table "Who may see whom" in README.md. A caller sees a teacher only
 * where its organisation has a relation with her; everywhere else she is
 * absent: not in lists (`totalCount` agreeing), and null by id or by
 * reference, like an unknown id.
 *
 * | caller                 | sees the teachers                                     | birth date | NUPTK                                   |
 * |------------------------|-------------------------------------------------------|------------|-----------------------------------------|
 * | a school               | of its own school                                     | its own    | its own                                 |
 * | an SKB                 | registered for one of its events                      | no         | those registered for its events         |
 * | a university, provider | registered for an event of one of its programs, or    | no         | those registered for its programs'      |
 * |                        | assessed in one of them, or of a school that one of   |            | events                                  |
 * |                        | its partnerships in force covers                      |            |                                         |
 * | a government office    | none: statistics only (FORBIDDEN)                     | no         | no                                      |
 *
 * The relations live where they are made: registrations in the skb
 * subgraph, programs, assessments and partnerships in the university
 * subgraph. The schools subgraph asks for the caller's own (`myReach`, one
 * question through the gateway with the caller's token, once per request);
 * the gateway passes the programs from the university to the skb
 * (`@requires`). Statistics are not person-level: every token reads them.
 */
export interface PersonReach {
  /** Schools (NPSN) all of whose teachers are visible. */
  readonly schools: ReadonlySet<string>;
  /** Single teachers (id) visible besides those schools'. */
  readonly teachers: ReadonlySet<string>;
  /** Teachers (id) whose NUPTK is visible besides the own school's: registered for the caller's events. */
  readonly nuptkTeachers: ReadonlySet<string>;
}

export const NOBODY: PersonReach = { schools: new Set(), teachers: new Set(), nuptkTeachers: new Set() };

interface ReachAnswer {
  myReach: { registeredTeacherIds: string[]; assessedTeacherIds: string[]; partnerSchoolNpsns: string[] } | null;
}
const REACH_QUERY = 'query PersonReach { myReach { registeredTeacherIds assessedTeacherIds partnerSchoolNpsns } }';

/** What the partners holding the caller's relations answered, as a reach: keys of the right shape only. */
function fromAnswer(answer: ReachAnswer['myReach']): PersonReach {
  if (!answer) return NOBODY;
  const registered = answer.registeredTeacherIds.filter(isUuid);
  return {
    schools: new Set(answer.partnerSchoolNpsns.filter((n) => NPSN_PATTERN.test(n))),
    teachers: new Set([...registered, ...answer.assessedTeacherIds.filter(isUuid)]),
    nuptkTeachers: new Set(registered),
  };
}

const asked = new WeakMap<PartnerApi, Promise<PersonReach>>();

/**
 * Reaches kept between requests, per organisation (a reach depends on the
 * organisation only): `REACH_CACHE_MS` (default 2,000; 0 asks on every
 * request). A relation made or ended at another partner (a registration, an
 * assessment, a partnership) shows here within that time; an answer that
 * failed is never kept. Within one request the reach is asked once and every
 * field of the answer uses the same.
 *
 * A request in the second half of a kept reach's time asks again without
 * waiting for the answer (it uses the kept one), and the new answer replaces
 * it, kept from when it was asked: while an organisation's requests keep
 * coming, none of them waits for the partners (a round trip to the gateway
 * and on to two partners, far away in production), and no reach in use is
 * older than the time. A renewal that fails is not tried again: the kept
 * reach runs out, and the next request asks and waits, as the first did.
 * Nothing is asked again while an answer is on its way.
 */
const DEFAULT_REACH_CACHE_MS = 2000;

interface Kept {
  /** When the kept answer was asked (Date.now()); it is used until `asked + ms`. */
  asked: number;
  until: number;
  value: Promise<unknown>;
  /** An answer is on its way: the first, or a renewal. */
  asking: boolean;
}
const kept = new Map<string, Kept>();

function reachCacheMs(): number {
  const raw = process.env.REACH_CACHE_MS;
  if (raw === undefined || raw === '') return DEFAULT_REACH_CACHE_MS;
  const ms = Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : DEFAULT_REACH_CACHE_MS;
}

/** Asks, and keeps the answer for `ms` from now; a failed answer is dropped. */
function keep<T>(key: string, ask: () => Promise<T>, ms: number): Promise<T> {
  const asked = Date.now();
  const value = ask();
  const entry: Kept = { asked, until: asked + ms, value, asking: true };
  kept.set(key, entry);
  value.then(
    () => {
      entry.asking = false;
    },
    () => {
      if (kept.get(key) === entry) kept.delete(key);
    },
  );
  if (kept.size > 10_000) for (const [k, e] of kept) if (e.until <= asked) kept.delete(k);
  return value;
}

/** Asks again in the background; the answer replaces `entry` once it has come. */
function renew<T>(key: string, entry: Kept, ask: () => Promise<T>, ms: number): void {
  entry.asking = true;
  const asked = Date.now();
  const value = ask();
  value.then(
    () => {
      if (kept.get(key) === entry) kept.set(key, { asked, until: asked + ms, value, asking: false });
    },
    () => undefined,
  );
}

function keptFor<T>(key: string, ask: () => Promise<T>): Promise<T> {
  const ms = reachCacheMs();
  if (ms === 0) return ask();
  const now = Date.now();
  const entry = kept.get(key);
  if (!entry || entry.until <= now) return keep(key, ask, ms);
  if (!entry.asking && now - entry.asked >= ms / 2) renew(key, entry, ask, ms);
  return entry.value as Promise<T>;
}

/** Forgets every kept reach (tests). */
export function forgetKeptReaches(): void {
  kept.clear();
}

/** When the partners holding the caller's relations cannot be asked: an error, never a wider view. */
function unavailable(viewer: Viewer): (error: unknown) => never {
  return (error) => {
    if (error instanceof GraphQLError && error.extensions.code === 'SERVICE_UNAVAILABLE') {
      throw new GraphQLError(
        `The partners that hold ${viewer.org}'s relations with teachers could not be asked, so no person-level data is shown (need-to-know); try again shortly`,
        { extensions: { code: 'SERVICE_UNAVAILABLE' } },
      );
    }
    throw error;
  };
}

/**
 * The teachers `viewer` may see. A school's follow from its token; an SKB's
 * or a provider's are asked of the partners that hold them, once per request
 * (`partners` is the request's). When they cannot be asked the answer is an
 * error (SERVICE_UNAVAILABLE), never a wider reach.
 */
export function personReach(viewer: Viewer | null, partners: PartnerApi): Promise<PersonReach> {
  if (!viewer) return Promise.resolve(NOBODY);
  if (viewer.orgKind === 'school')
    return Promise.resolve({ schools: new Set([viewer.orgId]), teachers: new Set(), nuptkTeachers: new Set() });
  if (viewer.orgKind !== 'skb' && viewer.orgKind !== 'university' && viewer.orgKind !== 'provider') return Promise.resolve(NOBODY);
  let reach = asked.get(partners);
  if (!reach) {
    reach = keptFor(`reach:${viewer.org}`, () =>
      partners.query<ReachAnswer>(REACH_QUERY, {}).then((answer) => fromAnswer(answer.myReach), unavailable(viewer)),
    );
    asked.set(partners, reach);
  }
  return reach;
}

/** Whether a teacher (id, school) is within reach. */
export function canSeeTeacher(reach: PersonReach, teacher: { id: string; schoolNpsn: string }): boolean {
  return reach.schools.has(teacher.schoolNpsn) || reach.teachers.has(teacher.id);
}

/** Whether every teacher of school `npsn` is within reach (for `School.teachers`). */
export function canSeeSchoolTeachers(reach: PersonReach, npsn: string): boolean {
  return reach.schools.has(npsn);
}

/** Whether her NUPTK is shown: to her own school, and to the organiser and provider of an event she is registered for. */
export function canSeeNuptk(viewer: Viewer | null, reach: PersonReach, teacher: { id: string; schoolNpsn: string }): boolean {
  if (!viewer) return false;
  if (viewer.orgKind === 'school') return viewer.orgId === teacher.schoolNpsn;
  return reach.nuptkTeachers.has(teacher.id);
}

const programsAsked = new WeakMap<PartnerApi, Promise<ReadonlySet<string>>>();

/**
 * The programs the caller's organisation provides (a university or training
 * provider; anyone else none), asked of the university partner once per
 * request: the provider of an event's program reads its registrations.
 */
export function providedPrograms(viewer: Viewer | null, partners: PartnerApi): Promise<ReadonlySet<string>> {
  if (!viewer || (viewer.orgKind !== 'university' && viewer.orgKind !== 'provider')) return Promise.resolve(new Set());
  let programs = programsAsked.get(partners);
  if (!programs) {
    programs = keptFor(`programs:${viewer.org}`, () =>
      partners
        .query<{ myReach: { programIds: string[] } | null }>('query ProvidedPrograms { myReach { programIds } }', {})
        .then((answer) => new Set((answer.myReach?.programIds ?? []).filter(isUuid)), unavailable(viewer)),
    );
    programsAsked.set(partners, programs);
  }
  return programs;
}
