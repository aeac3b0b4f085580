import type { WriteStream } from 'node:fs';
import type { Hub } from '@mitra/cli';

/** What globalSetup hands to globalTeardown (both run in jest's main process). */
export interface HarnessState {
  hub: Hub;
  /** The run's temporary folder; removed by teardown. */
  dataDir: string;
  /** Where the services' log lines go (`<dataDir>/logs`); ended by teardown before it reads them. */
  logStreams?: WriteStream[];
}

declare global {
  var __MITRA_HARNESS__: HarnessState | undefined;
}
