type Edit = { kind: ' ' | '-' | '+'; line: string; before: number; after: number };

/** Longest-common-subsequence edit script; the inputs are the differing middle of two files, so small. */
function editScript(before: string[], after: string[]): Edit[] {
  const n = before.length;
  const m = after.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      edits.push({ kind: ' ', line: before[i], before: i, after: j });
      i += 1;
      j += 1;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      edits.push({ kind: '-', line: before[i], before: i, after: j });
      i += 1;
    } else {
      edits.push({ kind: '+', line: after[j], before: i, after: j });
      j += 1;
    }
  }
  return edits;
}

// Beyond this many cells the LCS table costs more than a readable message is worth.
const MAX_TABLE_CELLS = 4_000_000;
const CONTEXT = 2;

/**
 * A short, readable account of how the committed supergraph differs from a
 * fresh composition: changed lines marked `-` (committed) and `+` (fresh)
 * with their line numbers and a little context, at most `maxLines` lines.
 * Null when they are the same (line endings aside).
 */
export function describeDifference(committed: string, fresh: string, maxLines = 40): string | null {
  const before = committed.replace(/\r\n/g, '\n').split('\n');
  const after = fresh.replace(/\r\n/g, '\n').split('\n');
  if (before.length === after.length && before.every((line, i) => line === after[i])) return null;

  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore -= 1;
    endAfter -= 1;
  }
  // Keep a little of the common text around the change, so the message shows where it is.
  start = Math.max(0, start - CONTEXT);
  endBefore = Math.min(before.length, endBefore + CONTEXT);
  endAfter = Math.min(after.length, endAfter + CONTEXT);
  const middleBefore = before.slice(start, endBefore);
  const middleAfter = after.slice(start, endAfter);
  const edits =
    (middleBefore.length + 1) * (middleAfter.length + 1) <= MAX_TABLE_CELLS
      ? editScript(middleBefore, middleAfter)
      : [
          ...middleBefore.map((line, i): Edit => ({ kind: '-', line, before: i, after: 0 })),
          ...middleAfter.map((line, j): Edit => ({ kind: '+', line, before: middleBefore.length, after: j })),
        ];

  const changed = edits.map((edit) => edit.kind !== ' ');
  const shown = edits.filter((_, k) => changed.slice(Math.max(0, k - CONTEXT), k + CONTEXT + 1).some(Boolean));
  const removed = edits.filter((edit) => edit.kind === '-').length;
  const added = edits.filter((edit) => edit.kind === '+').length;
  const lines = shown.slice(0, maxLines).map((edit) => {
    const number = edit.kind === '+' ? start + edit.after + 1 : start + edit.before + 1;
    return `${edit.kind} ${String(number).padStart(5)} | ${edit.line}`;
  });
  if (shown.length > maxLines) lines.push(`        … ${shown.length - maxLines} more line(s)`);
  return [`${removed} line(s) only in the committed file (-), ${added} only in a fresh composition (+):`, ...lines].join('\n');
}
