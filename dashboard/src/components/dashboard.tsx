import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { downloadCsv, type ApiError } from '../api';
import {
  COLORS,
  countSeries,
  levelRows,
  outcomeMeasures,
  overviewMeasures,
  overviewRows,
  programRows,
  tierOutcomeRows,
  tierRows,
  type StatRow,
} from '../chart-rows';
import { figure, formatCount, formatGain, formatShare, valueOf } from '../format';
import { DistrictStatisticsDocument, DistrictsOverviewDocument, ProgramOutcomesDocument } from '../gql/graphql';
import { messages, type Lang } from '../i18n';
import { identityLabel } from '../roles';
import { niceMax } from '../scale';
import { readToken } from '../token';
import { useQuery, type QueryState } from '../use-query';
import { ChartCard } from './chart-card';
import { Kpi } from './kpi';
import { Brand } from './brand';
import { LanguageSwitch } from './language-switch';

/** The field reports' district, shown first. */
const DEFAULT_DISTRICT = '64.71';

function districtFromHash(): string | null {
  const match = /district=([0-9.]+)/.exec(window.location.hash);
  return match ? match[1] : null;
}

export interface DashboardProps {
  token: string;
  lang: Lang;
  onLang: (lang: Lang) => void;
  onSignOut: () => void;
  onUnauthenticated: (error: ApiError) => void;
}

function Loadable<T>({ state, lang, children, testId }: { state: QueryState<T> & { retry: () => void }; lang: Lang; children: (data: T) => ReactNode; testId: string }) {
  const t = messages(lang);
  if (state.status === 'done') return <>{children(state.data)}</>;
  if (state.status === 'loading') {
    return (
      <div className="placeholder" data-testid={`${testId}-loading`} aria-busy="true">
        {t.loading}
      </div>
    );
  }
  return (
    <div className="error-box" role="alert" data-testid={`${testId}-error`}>
      <strong>{t.errorTitle}</strong>
      <p>
        {state.error.message} <code>{state.error.code}</code>
      </p>
      <button type="button" onClick={state.retry}>
        {t.retry}
      </button>
    </div>
  );
}

/** Room for every bar of every group, with a label beside each. */
const groupedHeight = (groups: number, series: number) => groups * (series * 13 + 20) + 34;

const maxOf = (rows: StatRow[], key: string) => niceMax(rows.map((r) => valueOf(r.figures[key] ?? { kind: 'none' }) ?? 0));

export function Dashboard({ token, lang, onLang, onSignOut, onUnauthenticated }: DashboardProps) {
  const t = messages(lang);
  const info = readToken(token);
  const [code, setCode] = useState<string>(() => districtFromHash() ?? DEFAULT_DISTRICT);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const overview = useQuery(DistrictsOverviewDocument, {}, token, onUnauthenticated);
  const detail = useQuery(DistrictStatisticsDocument, { code }, token, onUnauthenticated);
  const programs = useQuery(ProgramOutcomesDocument, {}, token, onUnauthenticated);

  const select = useCallback((next: string) => {
    setCode(next);
    window.history.replaceState(null, '', `#district=${next}`);
  }, []);
  // A code from an old link that is not a district (any more): fall back to the first one.
  useEffect(() => {
    const districts = overview.status === 'done' ? (overview.data.districts ?? []) : [];
    if (districts.length && !districts.some((d) => d.code === code)) {
      select(districts[0].code);
    }
  }, [overview, code, select]);

  const minimumCellSize = overview.status === 'done' ? (overview.data.qualificationStatistics?.minimumCellSize ?? 10) : 10;
  const download = (path: string, filename: string) => {
    setDownloadError(null);
    downloadCsv(path, token, filename).catch((e: Error) => setDownloadError(e.message));
  };
  const districtName = overview.status === 'done' ? overview.data.districts?.find((d) => d.code === code)?.name : undefined;

  return (
    <div className="app">
      <header className="topbar">
        <Brand subtitle={t.appTitle} />
        <div className="topbar-right">
          {info ? (
            <div className="identity" data-testid="identity">
              <span className="muted">{t.signedInAs}</span> {identityLabel(lang, info)}
              {info.exp ? (
                <span className="muted">
                  {' '}
                  · {t.expiresAt} {new Date(info.exp * 1000).toLocaleTimeString(lang === 'id' ? 'id-ID' : 'en-GB', { hour: '2-digit', minute: '2-digit' })}
                </span>
              ) : null}
            </div>
          ) : null}
          <LanguageSwitch lang={lang} onLang={onLang} />
          <button type="button" className="ghost" onClick={onSignOut}>
            {t.signOut}
          </button>
        </div>
      </header>

      <main>
        <div className="toolbar">
          <div className="district-picker">
            <label htmlFor="district">{t.district}</label>
            <select id="district" value={code} onChange={(e) => select(e.target.value)} disabled={overview.status !== 'done'}>
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
          <details className="downloads">
            <summary>{t.download}</summary>
            <div className="download-menu">
              <button type="button" onClick={() => download('/exports/qualification-statistics.csv?groupBy=DISTRICT', 'kualifikasi-guru-per-kabupaten-kota.csv')}>
                {t.downloadQualifications}
              </button>
              <button type="button" onClick={() => download('/exports/training-outcomes.csv?groupBy=DISTRICT', 'hasil-pelatihan-per-kabupaten-kota.csv')}>
                {t.downloadOutcomesDistrict}
              </button>
              <button type="button" onClick={() => download('/exports/training-outcomes.csv?groupBy=PROGRAM', 'hasil-pelatihan-per-program.csv')}>
                {t.downloadOutcomesProgram}
              </button>
            </div>
          </details>
          {downloadError ? (
            <span className="error" role="alert">
              {downloadError}
            </span>
          ) : null}
        </div>

        <Loadable state={detail} lang={lang} testId="district">
          {(data) => {
            const d = data.district;
            if (!d) return <div className="placeholder">{code}</div>;
            const q = d.qualifications;
            return (
              <>
                <div className="district-head">
                  <h1 data-testid="district-name">{d.name}</h1>
                  <span className="district-code">{d.code}</span>
                </div>
                <div className="kpis">
                  <Kpi testId="kpi-teachers" lang={lang} label={t.teachers} figure={figure(d.teacherCount, q.suppressed)} format={(v) => formatCount(lang, v)} />
                  <Kpi
                    testId="kpi-meeting"
                    lang={lang}
                    label={t.meetingStandard}
                    figure={figure(q.meetingStandard, q.suppressed)}
                    format={(v) => formatCount(lang, v)}
                    extra={q.shareMeetingStandard !== null ? <span className="kpi-share">{formatShare(lang, q.shareMeetingStandard)}</span> : null}
                    hint={t.standardHint}
                  />
                  <Kpi
                    testId="kpi-trained"
                    lang={lang}
                    label={t.teachersTrained}
                    figure={figure(d.training?.teachersTrained, d.training?.suppressed ?? false)}
                    format={(v) => formatCount(lang, v)}
                    hint={t.teachersTrainedHint}
                  />
                  <Kpi
                    testId="kpi-gain"
                    lang={lang}
                    label={t.meanGain}
                    figure={figure(d.training?.meanGain, d.training?.suppressed ?? false)}
                    format={(v) => formatGain(lang, v)}
                    hint={t.meanGainHint}
                  />
                </div>
              </>
            );
          }}
        </Loadable>

        <div className="grid">
          <Loadable state={overview} lang={lang} testId="overview">
            {(data) => {
              const rows = overviewRows(data.districts ?? [], code);
              const m = overviewMeasures(lang);
              return (
                <ChartCard
                  testId="card-overview"
                  title={t.overviewTitle}
                  subtitle={t.overviewSubtitle}
                  rows={rows}
                  series={m.series}
                  tableMeasures={m.table}
                  labelHeader={t.district}
                  lang={lang}
                  minimumCellSize={minimumCellSize}
                  legend={[
                    { color: COLORS.primary, label: `${districtName ?? code} (${t.selected})` },
                    { color: COLORS.primaryMuted, label: t.otherDistricts },
                  ]}
                  chart={{ layout: 'bars', max: 100, axisUnit: '%', height: rows.length * 40 + 36, categoryWidth: 200, onSelect: select }}
                />
              );
            }}
          </Loadable>

          <Loadable state={detail} lang={lang} testId="levels">
            {(data) => {
              if (!data.district) return null;
              const rows = levelRows(data.district, lang);
              return (
                <ChartCard
                  testId="card-levels"
                  title={`${t.levelsTitle} · ${data.district.name}`}
                  subtitle={t.standardHint}
                  rows={rows}
                  series={countSeries(lang)}
                  tableMeasures={countSeries(lang)}
                  labelHeader={t.level}
                  lang={lang}
                  minimumCellSize={minimumCellSize}
                  chart={{ layout: 'columns', max: maxOf(rows, 'count'), height: 250 }}
                />
              );
            }}
          </Loadable>

          <Loadable state={detail} lang={lang} testId="training">
            {(data) => {
              if (!data.district) return null;
              const rows = tierRows(data.district, lang);
              return (
                <ChartCard
                  testId="card-training"
                  title={`${t.trainingTitle} · ${data.district.name}`}
                  subtitle={t.trainingSubtitle}
                  rows={rows}
                  series={countSeries(lang)}
                  tableMeasures={countSeries(lang)}
                  labelHeader={t.tier}
                  lang={lang}
                  minimumCellSize={minimumCellSize}
                  // As tall as the outcomes chart beside it.
                  chart={{ layout: 'columns', max: maxOf(rows, 'count'), height: groupedHeight(4, 4) }}
                />
              );
            }}
          </Loadable>

          <Loadable state={detail} lang={lang} testId="tier-outcomes">
            {(data) => {
              if (!data.district) return null;
              const rows = tierOutcomeRows(data.district, lang);
              const m = outcomeMeasures(lang);
              return (
                <ChartCard
                  testId="card-tier-outcomes"
                  title={`${t.tierOutcomesTitle} · ${data.district.name}`}
                  subtitle={t.tierOutcomesSubtitle}
                  rows={rows}
                  series={m.series}
                  tableMeasures={m.table}
                  labelHeader={t.tier}
                  lang={lang}
                  minimumCellSize={minimumCellSize}
                  chart={{ layout: 'bars', max: 100, height: groupedHeight(rows.length, m.series.length), categoryWidth: 110 }}
                />
              );
            }}
          </Loadable>

          <Loadable state={programs} lang={lang} testId="programs">
            {(data) => {
              const rows = programRows(data.trainingPrograms ?? [], lang);
              const m = outcomeMeasures(lang, true);
              return (
                <ChartCard
                  wide
                  testId="card-program-outcomes"
                  title={t.programOutcomesTitle}
                  subtitle={t.programOutcomesSubtitle}
                  rows={rows}
                  series={m.series}
                  tableMeasures={m.table}
                  labelHeader={t.program}
                  lang={lang}
                  minimumCellSize={minimumCellSize}
                  chart={{ layout: 'bars', max: 100, height: groupedHeight(rows.length, m.series.length), categoryWidth: 240 }}
                />
              );
            }}
          </Loadable>
        </div>

        <footer className="footnote">
          <p>
            <span className="swatch hatched" /> {t.suppressedNote(minimumCellSize)}
          </p>
          <p className="muted">{t.footer}</p>
        </footer>
      </main>
    </div>
  );
}
