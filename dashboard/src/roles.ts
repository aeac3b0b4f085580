import type { Lang } from './i18n';
import type { TokenInfo } from './token';

/** Names of the gateway's demo roles (gateway/src/dashboard.ts), by id. */
const ROLE_LABELS: Record<string, Record<Lang, string>> = {
  analyst: { id: 'Analis pemerintah · Kalimantan Timur', en: 'Government analyst · East Kalimantan' },
  'school-admin': { id: 'Admin sekolah · TK Pertiwi Balikpapan Selatan', en: 'School admin · TK Pertiwi Balikpapan Selatan' },
  'skb-admin': { id: 'Admin SKB Balikpapan Selatan', en: 'SKB admin · SKB Balikpapan Selatan' },
  'university-admin': { id: 'Admin universitas · Prodi PAUD Universitas Mulia', en: 'University admin · Prodi PAUD Universitas Mulia' },
};

export function roleLabel(lang: Lang, id: string, org: string, roles: readonly string[]): string {
  return ROLE_LABELS[id]?.[lang] ?? `${org} (${roles.join(', ')})`;
}

const ORG_KINDS: Record<string, Record<Lang, string>> = {
  government: { id: 'Pemerintah', en: 'Government' },
  school: { id: 'Sekolah', en: 'School' },
  skb: { id: 'SKB', en: 'SKB' },
  university: { id: 'Universitas', en: 'University' },
};

/** "Pemerintah government:kaltim · analyst", from the token's claims. */
export function identityLabel(lang: Lang, info: TokenInfo): string {
  const kind = ORG_KINDS[info.org.split(':')[0]]?.[lang];
  return `${kind ? `${kind} ` : ''}${info.org} · ${info.roles.join(', ')}`;
}
