import { createHash, randomUUID } from 'node:crypto';
import type { PartnerApi } from '@mitra/kit';

/** The schools partner's districts: code -> the keys of its teachers. */
export type Partition = ReadonlyMap<string, readonly string[]>;

/** How a set of teacher keys is recognised, whatever its order. */
export function fingerprint(keys: readonly string[]): string {
  return createHash('sha256')
    .update(
      [...keys]
        .map((k) => k.toLowerCase())
        .sort()
        .join(','),
    )
    .digest('base64url');
}

const PROBE = 'query StatisticsDistrictPartition { districts { code trainingOutcomes { tier } } }';
/** A partition is asked for with the caller's token; a district of 100,000 teachers takes a while. */
const PROBE_TIMEOUT_MS = 30_000;

/**
 * The district tables are protected together (district-set.ts), so this
 * partner needs every district's teachers, not only those of the district
 * asked about. It learns them the way it learns any district's: from the
 * schools partner through the gateway. It asks the gateway, with the
 * caller's own token and a request id of its own, for every district's
 * `trainingOutcomes`; the gateway then passes it every district's teacher
 * keys (@requires), which its resolver records for the waiting question
 * instead of answering (DistrictOutcomesResolver). Nothing is copied from the
 * schools' database and no client sees the keys.
 *
 * Kept until a request brings a district whose teachers differ (the schools'
 * data changed): then asked again.
 */
export class PartitionSource {
  private partition?: { value: Partition; fingerprints: Map<string, string> };
  private pending?: Promise<void>;
  private readonly probes = new Map<string, Map<string, string[]>>();

  /** True for the gateway's fetches made for a question of this partner's own. */
  isProbe(requestId: string): boolean {
    return this.probes.has(requestId);
  }

  record(requestId: string, code: string, teacherKeys: readonly string[]): void {
    this.probes.get(requestId)?.set(code, [...teacherKeys]);
  }

  /** The district code of a set of teacher keys, once the partition holds it. */
  async districtOf(keys: readonly string[], partners: PartnerApi): Promise<string | null> {
    const print = fingerprint(keys);
    if (!this.partition?.fingerprints.has(print)) await this.refresh(partners);
    return this.partition?.fingerprints.get(print) ?? null;
  }

  /** The partition, fresh for `code` with these keys. */
  async forDistrict(code: string, keys: readonly string[], partners: PartnerApi): Promise<Partition> {
    const print = fingerprint(keys);
    if (this.partition?.fingerprints.get(print) !== code) await this.refresh(partners);
    return this.current();
  }

  current(): Partition {
    return this.partition?.value ?? new Map();
  }

  private refresh(partners: PartnerApi): Promise<void> {
    this.pending ??= this.probe(partners).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async probe(partners: PartnerApi): Promise<void> {
    const requestId = `statistics-partition-${randomUUID()}`;
    const found = new Map<string, string[]>();
    this.probes.set(requestId, found);
    try {
      await partners.withRequestId(requestId, PROBE_TIMEOUT_MS).ask(PROBE, {});
    } finally {
      this.probes.delete(requestId);
    }
    const fingerprints = new Map([...found].map(([code, keys]) => [fingerprint(keys), code]));
    this.partition = { value: found, fingerprints };
  }
}
