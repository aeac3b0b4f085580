/**
 * Walks command-line flags one by one; `value()` takes the flag's value and
 * refuses a missing one (the end of the list, or the next flag).
 */
export function eachFlag(args: string[], error: (message: string) => Error, onFlag: (flag: string, value: () => string) => void): void {
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    onFlag(flag, () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw error(`${flag} needs a value`);
      return next;
    });
  }
}

/**
 * The flags both benchmarks take: their data folder, and leaving
 * docs/benchmarks.md alone. False for any other flag.
 */
export function sharedFlag(flag: string, value: () => string, options: { dataDir?: string; docs: boolean }): boolean {
  if (flag === '--data-dir') options.dataDir = value();
  else if (flag === '--no-docs') options.docs = false;
  else return false;
  return true;
}
