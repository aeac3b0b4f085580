import { registerEnumType } from 'type-graphql';

/**
 * The areas of a PAUD teacher's competence that trainings address and
 * schools state needs in: one fixed list, defined here once so that every
 * partner that names an area (a school's training needs, a program's
 * modules) declares the same GraphQL enum, which composition requires to be
 * identical in each subgraph. The values are the names, as stored in the
 * partners' `text` columns.
 */
export enum CompetencyArea {
  CHILD_DEVELOPMENT = 'CHILD_DEVELOPMENT',
  LEARNING_PLANNING = 'LEARNING_PLANNING',
  PLAY_BASED_LEARNING = 'PLAY_BASED_LEARNING',
  LEARNING_ASSESSMENT = 'LEARNING_ASSESSMENT',
  CLASSROOM_MANAGEMENT = 'CLASSROOM_MANAGEMENT',
  PARENT_PARTNERSHIP = 'PARENT_PARTNERSHIP',
  INCLUSIVE_EDUCATION = 'INCLUSIVE_EDUCATION',
  PROFESSIONAL_DEVELOPMENT = 'PROFESSIONAL_DEVELOPMENT',
}

/** In the enum's (the contract's) order: statistics list every area once, in this order. */
export const COMPETENCY_AREAS: readonly CompetencyArea[] = Object.values(CompetencyArea);

registerEnumType(CompetencyArea, {
  name: 'CompetencyArea',
  description: "Areas of a PAUD teacher's competence that trainings address and schools report needs in.",
  valuesConfig: {
    CHILD_DEVELOPMENT: { description: 'perkembangan anak' },
    LEARNING_PLANNING: { description: 'perencanaan pembelajaran' },
    PLAY_BASED_LEARNING: { description: 'pembelajaran melalui bermain' },
    LEARNING_ASSESSMENT: { description: 'asesmen pembelajaran' },
    CLASSROOM_MANAGEMENT: { description: 'pengelolaan kelas' },
    PARENT_PARTNERSHIP: { description: 'kemitraan dengan orang tua' },
    INCLUSIVE_EDUCATION: { description: 'pendidikan inklusif' },
    PROFESSIONAL_DEVELOPMENT: { description: 'pengembangan keprofesian' },
  },
});
