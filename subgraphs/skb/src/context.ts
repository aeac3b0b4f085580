import type { SubgraphContext } from '@mitra/kit';
import type { SkbLoaders } from './loaders';

export type SkbContext = SubgraphContext<SkbLoaders>;
