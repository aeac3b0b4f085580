import 'reflect-metadata';
import { COMPETENCY_AREAS, CompetencyArea } from '@mitra/kit';
import { buildDemoWorld } from '@mitra/fixtures';
import { TrainingNeedStatus } from '../src/graphql/enums';
import { checkNeedTransition } from '../src/graphql/training-need-writes.resolver';
import { checkStatedOn } from '../src/graphql/validation';
import { suppressNeedCounts } from '../src/statistics/needs';

const { OPEN, PLANNED, MET } = TrainingNeedStatus;

describe('training need status', () => {
  it.each([
    [OPEN, PLANNED],
    [OPEN, MET],
    [PLANNED, MET],
  ])('moves from %s to %s', (from, to) => {
    expect(checkNeedTransition(from, to)).toBe(to);
  });

  it.each([
    [OPEN, OPEN, 'a need that is OPEN cannot become OPEN (it can become PLANNED or MET)'],
    [PLANNED, OPEN, 'a need that is PLANNED cannot become OPEN (it can become MET)'],
    [PLANNED, PLANNED, 'a need that is PLANNED cannot become PLANNED (it can become MET)'],
    [MET, OPEN, 'a need that is MET cannot become OPEN (MET is final)'],
    [MET, PLANNED, 'a need that is MET cannot become PLANNED (MET is final)'],
  ])('refuses %s to %s naming status', (from, to, why) => {
    expect(() => checkNeedTransition(from, to)).toThrow(`status: ${why}`);
  });
});

describe('statedOn', () => {
  it('is a day from 2000-01-01 to today', () => {
    expect(checkStatedOn('2000-01-01', 'input.statedOn', '2026-01-01')).toBe('2000-01-01');
    expect(checkStatedOn('2026-01-01', 'input.statedOn', '2026-01-01')).toBe('2026-01-01');
    expect(() => checkStatedOn('1999-12-31', 'input.statedOn', '2026-01-01')).toThrow(/^input\.statedOn: /);
    expect(() => checkStatedOn('2026-01-02', 'input.statedOn', '2026-01-01')).toThrow(/^input\.statedOn: /);
  });
});

describe('suppressNeedCounts', () => {
  const counts = (teachers: number[]) => COMPETENCY_AREAS.map((area, i) => ({ area, schools: i, teachers: teachers[i] ?? 0 }));

  it('withholds a count of 1 to MIN - 1 teachers, shows zero and the rest, and every school count', () => {
    const shown = suppressNeedCounts(counts([0, 1, 9, 10, 25]), 10);
    expect(shown.slice(0, 5)).toEqual([
      { area: CompetencyArea.CHILD_DEVELOPMENT, schools: 0, teachers: 0, suppressed: false },
      { area: CompetencyArea.LEARNING_PLANNING, schools: 1, teachers: null, suppressed: true },
      { area: CompetencyArea.PLAY_BASED_LEARNING, schools: 2, teachers: null, suppressed: true },
      { area: CompetencyArea.LEARNING_ASSESSMENT, schools: 3, teachers: 10, suppressed: false },
      { area: CompetencyArea.CLASSROOM_MANAGEMENT, schools: 4, teachers: 25, suppressed: false },
    ]);
    expect(shown.map((c) => c.area)).toEqual(COMPETENCY_AREAS);
  });
});

describe('the demo needs', () => {
  const world = buildDemoWorld();
  const teacherSchool = new Map(world.teachers.map((t) => [t.id, t.npsn]));

  it('name teachers of their own school, were stated before the November 2022 training, and are unique while open', () => {
    expect(world.trainingNeeds.length).toBeGreaterThanOrEqual(25);
    for (const n of world.trainingNeeds) {
      if (n.teacherId) expect(teacherSchool.get(n.teacherId)).toBe(n.npsn);
      expect(n.statedOn >= '2022-09-01' && n.statedOn < '2022-11-14').toBe(true);
      expect(COMPETENCY_AREAS).toContain(n.area);
    }
    const open = world.trainingNeeds.filter((n) => n.status === 'OPEN').map((n) => `${n.npsn}/${n.teacherId}/${n.area}`);
    expect(new Set(open).size).toBe(open.length);
    expect(new Set(world.trainingNeeds.map((n) => n.id)).size).toBe(world.trainingNeeds.length);
  });
});
