import { buildDemoWorld } from '@mitra/fixtures';

/**
 * What must never appear in a log line: a token (anything JWT-shaped), the
 * run's secrets, a NUPTK-like 16-digit number, or a demo person's name,
 * NUPTK or birth date. Returns the findings (empty when clean), each with
 * the start of the offending line.
 */
export function logLeaks(lines: readonly string[], secrets: readonly string[], personal: readonly string[] = []): string[] {
  const world = buildDemoWorld();
  const people = [
    ...world.teachers.flatMap((t) => [t.fullName, t.nuptk ?? '', t.birthDate]),
    ...world.registrations.map((r) => r.participantName),
    ...personal,
  ].filter((value) => value.length >= 6);
  const forbidden = [...new Set([...secrets, ...people])];
  const findings: string[] = [];
  for (const line of lines) {
    const problems: string[] = [];
    if (/eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/.test(line)) problems.push('a JWT');
    // Not the digits of a decimal fraction (a metric value).
    if (/(?<![\d.])\d{16}(?![\d.])/.test(line)) problems.push('a 16-digit number');
    for (const value of forbidden) if (line.includes(value)) problems.push(`"${value.slice(0, 3)}…"`);
    if (problems.length) findings.push(`${problems.join(', ')} in: ${line.slice(0, 200)}`);
    if (findings.length >= 10) break;
  }
  return findings;
}
