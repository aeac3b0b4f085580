import type { SeedMode } from './seeding';

export const START_USAGE = [
  'usage: npm start [-- --reset]',
  '  (default)  load the demo data where none is loaded yet, keep what is there',
  "  --reset    empty every subgraph's tables and load the demo data again before starting",
].join('\n');

export interface StartOptions {
  seed: SeedMode;
  help: boolean;
}

/** `npm start -- --reset` reloads the demo data, as `npm run seed -- --reset` does; anything else unknown is refused. */
export function parseStartArgs(argv: readonly string[]): StartOptions {
  const help = argv.includes('--help') || argv.includes('-h');
  const unknown = argv.filter((a) => !['--reset', '--if-empty', '--help', '-h'].includes(a));
  if (unknown.length) throw new Error(`Unknown option(s): ${unknown.join(' ')}\n${START_USAGE}`);
  if (argv.includes('--reset') && argv.includes('--if-empty')) throw new Error(`Choose one of --reset and --if-empty\n${START_USAGE}`);
  return { seed: argv.includes('--reset') ? 'reset' : 'if-empty', help };
}

/** Said once when the hub is ready (each subgraph's seed only reports what it found). */
export function demoDataNote(seed: SeedMode): string {
  return seed === 'reset' ? 'demo data reloaded (--reset)' : '`npm start -- --reset` reloads the demo data';
}
