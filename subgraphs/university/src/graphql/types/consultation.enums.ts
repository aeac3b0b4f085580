import { registerEnumType } from 'type-graphql';

/** What a partner school asks its provider about (the study program's free consultation). */
export enum ConsultationTopic {
  CHILD_LEARNING_DIFFICULTY = 'CHILD_LEARNING_DIFFICULTY',
  CHILD_DEVELOPMENT = 'CHILD_DEVELOPMENT',
  CURRICULUM = 'CURRICULUM',
  LEARNING_ASSESSMENT = 'LEARNING_ASSESSMENT',
  OTHER = 'OTHER',
}
registerEnumType(ConsultationTopic, {
  name: 'ConsultationTopic',
  description: 'What a partner school asks its provider about.',
  valuesConfig: {
    CHILD_LEARNING_DIFFICULTY: { description: "a child's difficulty in learning" },
    CHILD_DEVELOPMENT: { description: "a child's development" },
    CURRICULUM: { description: 'the curriculum' },
    LEARNING_ASSESSMENT: { description: 'assessing learning' },
    OTHER: { description: 'anything else' },
  },
});

/** REQUESTED → SCHEDULED → DONE; REQUESTED or SCHEDULED → DECLINED. */
export enum ConsultationStatus {
  REQUESTED = 'REQUESTED',
  SCHEDULED = 'SCHEDULED',
  DONE = 'DONE',
  DECLINED = 'DECLINED',
}
registerEnumType(ConsultationStatus, {
  name: 'ConsultationStatus',
  description: 'Where a consultation request stands: REQUESTED, SCHEDULED, DONE; or DECLINED from REQUESTED or SCHEDULED.',
  valuesConfig: {
    REQUESTED: { description: 'asked for, no date yet' },
    SCHEDULED: { description: 'a date is set' },
    DONE: { description: 'held' },
    DECLINED: { description: 'declined by the provider' },
  },
});
