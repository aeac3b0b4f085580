import type { EntityManager } from '@mikro-orm/postgresql';
import type { CursorCodec } from './pagination';
import type { SubgraphConfig } from './config';

/** The caller, as established from a verified token (see the authorization issue). */
export interface Viewer {
  sub: string;
  org: string;
  roles: string[];
}

/** One per request: a fresh EntityManager fork and a fresh set of loaders. */
export interface SubgraphContext<L = unknown> {
  em: EntityManager;
  loaders: L;
  viewer: Viewer | null;
  requestId: string;
  cursors: CursorCodec;
  config: SubgraphConfig;
}
