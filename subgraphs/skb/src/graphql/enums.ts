import { registerEnumType } from 'type-graphql';

export enum TrainingEventStatus {
  PLANNED = 'PLANNED',
  OPEN = 'OPEN',
  ONGOING = 'ONGOING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TrainingEventStatus, { name: 'TrainingEventStatus' });

export enum SessionKind {
  OPENING = 'OPENING',
  MATERIAL = 'MATERIAL',
  MICROTEACHING = 'MICROTEACHING',
  MENTORING = 'MENTORING',
  EVALUATION = 'EVALUATION',
}
registerEnumType(SessionKind, { name: 'SessionKind' });

export enum RegistrationStatus {
  REGISTERED = 'REGISTERED',
  ATTENDED = 'ATTENDED',
  NO_SHOW = 'NO_SHOW',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RegistrationStatus, { name: 'RegistrationStatus' });
