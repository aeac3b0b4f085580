import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';

export interface ChangeReport {
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
}

/** graphql-inspector's classification of how `after` differs from `before`, for clients of `before`. */
export async function compareSchemas(before: GraphQLSchema, after: GraphQLSchema): Promise<ChangeReport> {
  const changes = await diff(before, after);
  return {
    breaking: changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking),
    dangerous: changes.filter((c) => c.criticality.level === CriticalityLevel.Dangerous),
    safe: changes.filter((c) => c.criticality.level === CriticalityLevel.NonBreaking),
  };
}

function lines(changes: readonly Change[], limit: number): string[] {
  const shown = changes.slice(0, limit).map((c) => `    - ${c.message}${c.path ? ` (${c.path})` : ''}`);
  if (changes.length > limit) shown.push(`    … and ${changes.length - limit} more`);
  return shown;
}

/**
 * A short report for people: every breaking and dangerous change in full,
 * safe changes (additions, descriptions) counted and, up to `safeLimit`, listed.
 */
export function formatReport(title: string, report: ChangeReport, safeLimit = 0): string {
  const { breaking, dangerous, safe } = report;
  const out = [`${title}: ${breaking.length} breaking, ${dangerous.length} dangerous, ${safe.length} safe change(s)`];
  if (breaking.length) out.push('  breaking:', ...lines(breaking, Infinity));
  if (dangerous.length) out.push('  dangerous:', ...lines(dangerous, Infinity));
  if (safe.length && safeLimit > 0) out.push('  safe:', ...lines(safe, safeLimit));
  return out.join('\n');
}

export type CommittedFile = { found: true; sdl: string; commit: string } | { found: false; reason: string };

/**
 * A file as the last commit has it (`git show HEAD:<file>`), or why it cannot
 * be read: no git, not a checkout (an unpacked archive), or not committed yet.
 */
export function readCommittedFile(file: string): CommittedFile {
  const cwd = path.dirname(file);
  const git = (args: string[]): string =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  try {
    git(['rev-parse', '--is-inside-work-tree']);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { found: false, reason: missing ? 'git is not installed' : 'not a git checkout' };
  }
  try {
    const commit = git(['rev-parse', '--short', 'HEAD']).trim();
    return { found: true, sdl: git(['show', `HEAD:./${path.basename(file)}`]), commit };
  } catch {
    return { found: false, reason: `${path.basename(file)} is not in the last commit (HEAD)` };
  }
}
