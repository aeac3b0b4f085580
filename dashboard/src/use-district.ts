import { useCallback, useEffect, useState } from 'react';
import type { DistrictsOverviewQuery } from './gql/graphql';
import type { QueryState } from './use-query';

/** The field reports' district, shown first. */
const DEFAULT_DISTRICT = '64.71';

function districtFromHash(): string | null {
  const match = /district=([0-9.]+)/.exec(window.location.hash);
  return match ? match[1] : null;
}

/**
 * The picked district, kept in the URL (`#district=64.71`) so that a link
 * or a reload shows the same one, and followed when the hash changes in the
 * tab (a link on the page, an edited address, back and forward). A code from
 * an old link that is not a district (any more) falls back to the first
 * district of the overview.
 */
export function useDistrict(overview: QueryState<DistrictsOverviewQuery>): [string, (code: string) => void] {
  const [code, setCode] = useState<string>(() => districtFromHash() ?? DEFAULT_DISTRICT);
  const select = useCallback((next: string) => {
    setCode(next);
    window.history.replaceState(null, '', `#district=${next}`);
  }, []);
  useEffect(() => {
    const follow = () => {
      const next = districtFromHash();
      if (next) setCode(next);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    const districts = overview.status === 'done' ? (overview.data.districts ?? []) : [];
    if (districts.length && !districts.some((d) => d.code === code)) {
      select(districts[0].code);
    }
  }, [overview, code, select]);
  return [code, select];
}
