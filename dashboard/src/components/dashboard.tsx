import { useMemo } from 'react';
import type { ApiError } from '../api';
import { coverageVariables, coverageYears } from '../chart-rows';
import {
  DistrictStatisticsDocument,
  DistrictsOverviewDocument,
  DistrictTrainingByYearDocument,
  DistrictTrainingNeedsDocument,
  ProgramOutcomesDocument,
  ProvinceQualificationsDocument,
} from '../gql/graphql';
import { messages, type Lang } from '../i18n';
import { useDistrict } from '../use-district';
import { useQuery } from '../use-query';
import { DistrictCard, ProgramOutcomesCard, TrainingByYearCard, TrainingNeedsCard } from './district-cards';
import { DistrictSummary } from './district-summary';
import { DistrictsCard } from './districts-card';
import { Loadable } from './loadable';
import { Toolbar } from './toolbar';
import { Topbar } from './topbar';

export interface DashboardProps {
  token: string;
  lang: Lang;
  onLang: (lang: Lang) => void;
  onSignOut: () => void;
  onUnauthenticated: (error: ApiError) => void;
}

export function Dashboard({ token, lang, onLang, onSignOut, onUnauthenticated }: DashboardProps) {
  const t = messages(lang);
  const overview = useQuery(DistrictsOverviewDocument, {}, token, onUnauthenticated);
  const [code, select] = useDistrict(overview);
  const provinceCode = overview.status === 'done' ? (overview.data.districts?.find((d) => d.code === code)?.provinceCode ?? '') : '';
  const province = useQuery(ProvinceQualificationsDocument, { provinceCode }, token, onUnauthenticated, !provinceCode);
  const detail = useQuery(DistrictStatisticsDocument, { code }, token, onUnauthenticated);
  const needs = useQuery(DistrictTrainingNeedsDocument, { code }, token, onUnauthenticated);
  const years = useMemo(() => coverageYears(), []);
  const byYear = useQuery(DistrictTrainingByYearDocument, coverageVariables(code, years), token, onUnauthenticated);
  const programs = useQuery(ProgramOutcomesDocument, {}, token, onUnauthenticated);
  const minimumCellSize = overview.status === 'done' ? (overview.data.qualificationStatistics?.minimumCellSize ?? 10) : 10;
  const cards = { lang, minimumCellSize };

  return (
    <div className="app">
      <Topbar token={token} lang={lang} onLang={onLang} onSignOut={onSignOut} />
      <main>
        <Toolbar token={token} lang={lang} code={code} overview={overview} onSelect={select} />

        <Loadable state={detail} lang={lang} testId="district">
          {(data) => (data.district ? <DistrictSummary district={data.district} lang={lang} /> : <div className="placeholder">{code}</div>)}
        </Loadable>

        <div className="grid">
          <Loadable state={overview} lang={lang} testId="overview">
            {(data) => <DistrictsCard {...cards} data={data} province={province} code={code} onSelect={select} />}
          </Loadable>
          <Loadable state={detail} lang={lang} testId="levels">
            {(data) => (data.district ? <DistrictCard {...cards} kind="levels" district={data.district} /> : null)}
          </Loadable>
          <Loadable state={detail} lang={lang} testId="training">
            {(data) => (data.district ? <DistrictCard {...cards} kind="training" district={data.district} /> : null)}
          </Loadable>
          <Loadable state={detail} lang={lang} testId="tier-outcomes">
            {(data) => (data.district ? <DistrictCard {...cards} kind="tierOutcomes" district={data.district} /> : null)}
          </Loadable>
          <Loadable state={byYear} lang={lang} testId="training-by-year">
            {(data) => (data.district ? <TrainingByYearCard {...cards} district={data.district} years={years} /> : null)}
          </Loadable>
          <Loadable state={needs} lang={lang} testId="training-needs">
            {(data) => (data.district ? <TrainingNeedsCard {...cards} district={data.district} /> : null)}
          </Loadable>
          <Loadable state={programs} lang={lang} testId="programs">
            {(data) => <ProgramOutcomesCard {...cards} data={data} />}
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
