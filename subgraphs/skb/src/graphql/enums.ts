import { registerEnumType } from 'type-graphql';

export enum TrainingEventStatus {
  PLANNED = 'PLANNED',
  OPEN = 'OPEN',
  ONGOING = 'ONGOING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TrainingEventStatus, {
  name: 'TrainingEventStatus',
  description: 'Where a training event stands: PLANNED, OPEN, ONGOING, COMPLETED in turn, or CANCELLED from any of them.',
  valuesConfig: {
    PLANNED: { description: 'scheduled, not yet announced' },
    OPEN: { description: 'announced: schools register their teachers' },
    ONGOING: { description: 'under way' },
    COMPLETED: { description: 'held to its end' },
    CANCELLED: { description: 'called off; final' },
  },
});

export enum SessionKind {
  OPENING = 'OPENING',
  MATERIAL = 'MATERIAL',
  MICROTEACHING = 'MICROTEACHING',
  MENTORING = 'MENTORING',
  EVALUATION = 'EVALUATION',
}
registerEnumType(SessionKind, {
  name: 'SessionKind',
  description: 'What a session of an event is for.',
  valuesConfig: {
    OPENING: { description: 'opening of the event' },
    MATERIAL: { description: 'teaching of the material' },
    MICROTEACHING: { description: 'participants practise teaching' },
    MENTORING: { description: 'mentoring of participants' },
    EVALUATION: { description: 'tests and evaluation' },
  },
});

export enum RegistrationStatus {
  REGISTERED = 'REGISTERED',
  ATTENDED = 'ATTENDED',
  NO_SHOW = 'NO_SHOW',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'Where a registration for an event stands.',
  valuesConfig: {
    REGISTERED: { description: 'registered, attendance not yet recorded' },
    ATTENDED: { description: 'took part' },
    NO_SHOW: { description: 'registered but did not come' },
    CANCELLED: { description: 'withdrawn; frees the seat' },
  },
});
