import { useState } from 'react';
import { downloadCsv } from '../api';
import { coverageYears } from '../chart-rows';
import type { DistrictsOverviewQuery } from '../gql/graphql';
import { messages, type Lang } from '../i18n';
import type { QueryState } from '../use-query';

/** The CSV exports of the gateway, each with the file name it is saved under. */
const EXPORTS = [
  {
    path: '/exports/qualification-statistics.csv?groupBy=DISTRICT',
    filename: 'kualifikasi-guru-per-kabupaten-kota.csv',
    label: 'downloadQualifications',
  },
  {
    path: '/exports/training-outcomes.csv?groupBy=DISTRICT',
    filename: 'hasil-pelatihan-per-kabupaten-kota.csv',
    label: 'downloadOutcomesDistrict',
  },
  { path: '/exports/training-outcomes.csv?groupBy=PROGRAM', filename: 'hasil-pelatihan-per-program.csv', label: 'downloadOutcomesProgram' },
  {
    path: '/exports/training-needs.csv?groupBy=DISTRICT',
    filename: 'kebutuhan-pelatihan-per-kabupaten-kota.csv',
    label: 'downloadNeeds',
  },
] as const;

/** The picked district's coverage per year, over the years of the dashboard's card. */
const coverageExport = (code: string) => {
  const years = coverageYears();
  return {
    path: `/exports/training-coverage.csv?districtCode=${encodeURIComponent(code)}&from=${years[0]}&to=${years[years.length - 1]}`,
    filename: `cakupan-pelatihan-per-tahun-${code}.csv`,
    label: 'downloadCoverage',
  } as const;
};

function Downloads({ token, lang, code }: { token: string; lang: Lang; code: string }) {
  const t = messages(lang);
  const [error, setError] = useState<string | null>(null);
  const download = (path: string, filename: string) => {
    setError(null);
    downloadCsv(path, token, filename).catch((e: Error) => setError(e.message));
  };
  return (
    <>
      <details className="downloads">
        <summary>{t.download}</summary>
        <div className="download-menu">
          {[...EXPORTS, coverageExport(code)].map((e) => (
            <button key={e.label} type="button" onClick={() => download(e.path, e.filename)}>
              {t[e.label]}
            </button>
          ))}
        </div>
      </details>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

export interface ToolbarProps {
  token: string;
  lang: Lang;
  /** The picked district's code. */
  code: string;
  overview: QueryState<DistrictsOverviewQuery>;
  onSelect: (code: string) => void;
}

/** The district picker (every district, once the overview is loaded) and the CSV downloads. */
export function Toolbar({ token, lang, code, overview, onSelect }: ToolbarProps) {
  const t = messages(lang);
  return (
    <div className="toolbar">
      <div className="district-picker">
        <label htmlFor="district">{t.district}</label>
        <select id="district" value={code} onChange={(e) => onSelect(e.target.value)} disabled={overview.status !== 'done'}>
          {overview.status === 'done' ? (
            (overview.data.districts ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {d.name} ({d.code})
              </option>
            ))
          ) : (
            <option value={code}>{code}</option>
          )}
        </select>
      </div>
      <Downloads token={token} lang={lang} code={code} />
    </div>
  );
}
