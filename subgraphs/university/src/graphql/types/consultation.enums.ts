import { registerEnumType } from 'type-graphql';

/** What a partner school asks its provider about (the study program's free consultation). */
export enum ConsultationTopic {
  CHILD_LEARNING_DIFFICULTY = 'CHILD_LEARNING_DIFFICULTY',
  CHILD_DEVELOPMENT = 'CHILD_DEVELOPMENT',
  CURRICULUM = 'CURRICULUM',
  LEARNING_ASSESSMENT = 'LEARNING_ASSESSMENT',
  OTHER = 'OTHER',
}
registerEnumType(ConsultationTopic, { name: 'ConsultationTopic' });

/** REQUESTED → SCHEDULED → DONE; REQUESTED or SCHEDULED → DECLINED. */
export enum ConsultationStatus {
  REQUESTED = 'REQUESTED',
  SCHEDULED = 'SCHEDULED',
  DONE = 'DONE',
  DECLINED = 'DECLINED',
}
registerEnumType(ConsultationStatus, { name: 'ConsultationStatus' });
