import { Entity, Index, PrimaryKey, PrimaryKeyProp } from '@mikro-orm/core';

/** Which of the university's lecturers facilitate a session: a join table, not a GraphQL type. */
@Entity({ tableName: 'session_facilitator' })
export class SessionFacilitator {
  [PrimaryKeyProp]?: ['sessionId', 'lecturerId'];

  @PrimaryKey({ type: 'uuid' })
  sessionId!: string;

  /** The university's Lecturer key. */
  @Index()
  @PrimaryKey({ type: 'uuid' })
  lecturerId!: string;
}
