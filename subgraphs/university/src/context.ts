import type { SubgraphContext } from '@mitra/kit';
import type { UniversityLoaders } from './loaders';

export type UniversityContext = SubgraphContext<UniversityLoaders>;
