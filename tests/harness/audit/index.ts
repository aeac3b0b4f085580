import { MIN } from '../statistics-oracle';
import { audit, type AuditReport } from './audit';
import { collect } from './collect';
import { loadMicrocube } from './microcube';

export type { AuditReport, Finding } from './audit';
export { audit } from './audit';
export { collect, type Observations } from './collect';
export * from './microcube';

/** Collects what the caller (a token, or undefined for an anonymous caller) can read and audits it against the databases. */
export async function auditCaller(token: string | undefined, k = MIN): Promise<AuditReport> {
  const cube = await loadMicrocube();
  return audit(cube, await collect(cube, token), k);
}

/** A short account of a report, for failure messages and the test log. */
export function summary(report: AuditReport, examples = 10): string {
  const exact = report.exposed.filter((f) => f.low === f.high).length;
  return [
    `${report.publishedCells} cells published, ${report.hiddenCells} withheld, ${report.protectedCells} protected (1..k-1), ${report.solves} LP solves`,
    `${report.exposed.length} protected cells exposed (${exact} exactly), ${report.inconsistent.length} inconsistent, ${report.wrong.length} wrong`,
    ...report.exposed.slice(0, examples).map((f) => `  ${f.cell} = ${f.value}: derivable within [${f.low}, ${f.high}]`),
    ...report.inconsistent.slice(0, examples).map((c) => `  ${c.cell} shown as ${JSON.stringify(c.values)} in ${c.sources.join('; ')}`),
    ...report.wrong.slice(0, examples).map((c) => `  ${c.cell} shown ${c.shown}, truth ${c.truth}`),
  ].join('\n');
}
