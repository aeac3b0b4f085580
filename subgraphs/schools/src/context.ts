import type { SubgraphContext } from '@mitra/kit';
import type { SchoolsLoaders } from './loaders';

export type SchoolsContext = SubgraphContext<SchoolsLoaders>;
