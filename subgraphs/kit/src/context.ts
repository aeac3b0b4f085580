import type { EntityManager } from '@mikro-orm/postgresql';
import type { CursorCodec } from './pagination';
import type { SubgraphConfig } from './subgraph-config';
import type { PartnerApi } from './partner-api';
import type { RequestTelemetry, Viewer } from '@mitra/runtime';

/**
 * What a partner's loaders are built from, once per request: the request's
 * EntityManager fork and the subgraph's configuration (the statistics
 * loaders need MIN_CELL_SIZE and STATISTICS_CACHE_SECONDS).
 */
export interface LoaderSources {
  em: EntityManager;
  config: SubgraphConfig;
}

/** One per request: a fresh EntityManager fork and a fresh set of loaders. */
export interface SubgraphContext<L = unknown> {
  em: EntityManager;
  loaders: L;
  /** The caller of a verified token; null for an anonymous caller. */
  viewer: Viewer | null;
  /** The request carried the gateway's secret: `_entities`, `_service` and GATEWAY_ONLY fields are served. */
  fromGateway: boolean;
  requestId: string;
  cursors: CursorCodec;
  config: SubgraphConfig;
  /** Other partners' keys, checked through the gateway with the caller's own token. */
  partners: PartnerApi;
  /** What the request's log line reports: its operation and error codes (request-log.ts). */
  telemetry?: RequestTelemetry;
}
