import 'reflect-metadata';
import type { SubgraphDefinition } from '@mitra/kit';
import { EventSession } from './entities/event-session';
import { Registration } from './entities/registration';
import { SessionFacilitator } from './entities/session-facilitator';
import { TrainingEvent } from './entities/training-event';
import { Venue } from './entities/venue';
import { EventSessionResolver } from './graphql/event-session.resolver';
import { EventSessionWritesResolver } from './graphql/event-session-writes.resolver';
import { LecturerResolver } from './graphql/lecturer.resolver';
import { ReachResolver } from './graphql/reach.resolver';
import { references } from './graphql/references';
import { RegistrationResolver } from './graphql/registration.resolver';
import { RegistrationWritesResolver } from './graphql/registration-writes.resolver';
import { DistrictNameResolver, ProgramNamesResolver } from './graphql/catalogue-names.resolver';
import { DistrictTrainingResolver, ProgramAttendanceResolver, TrainingCoverageResolver } from './graphql/statistics.resolver';
import { TeacherResolver } from './graphql/teacher.resolver';
import { TrainingEventResolver } from './graphql/training-event.resolver';
import { TrainingEventWritesResolver } from './graphql/training-event-writes.resolver';
import { TrainingProgramResolver } from './graphql/training-program.resolver';
import { VenueResolver } from './graphql/venue.resolver';
import { VenueWritesResolver } from './graphql/venue-writes.resolver';
import { PersonReachRef } from './graphql/types/person-reach.ref';
import { createLoaders, type SkbLoaders } from './loaders';
import { prepareTrainingSet } from './statistics/loaders';

export { migrations } from './migrations';

export const entities = [Venue, TrainingEvent, EventSession, SessionFacilitator, Registration];
/** The subgraph's own tables, children last; `seed --reset` empties them. */
export const tables = ['registration', 'session_facilitator', 'event_session', 'training_event', 'venue'];

export const definition: SubgraphDefinition<SkbLoaders> = {
  name: 'skb',
  resolvers: [
    VenueResolver,
    VenueWritesResolver,
    TrainingEventResolver,
    TrainingEventWritesResolver,
    EventSessionResolver,
    EventSessionWritesResolver,
    RegistrationResolver,
    RegistrationWritesResolver,
    TeacherResolver,
    ReachResolver,
    LecturerResolver,
    TrainingProgramResolver,
    ProgramNamesResolver,
    DistrictNameResolver,
    DistrictTrainingResolver,
    TrainingCoverageResolver,
    ProgramAttendanceResolver,
  ],
  // PersonReach is reached only through `_entities`: list it, or type-graphql leaves it out.
  orphanedTypes: [PersonReachRef],
  references,
  createLoaders,
  uniqueConstraints: {
    registration_event_id_teacher_id_unique: { field: 'teacherId', message: 'teacherId: the teacher is already registered for this event' },
  },
  // The protected training set of the current data version.
  warmUp: ({ em, config }) => prepareTrainingSet(em, config.minCellSize),
};
