import type { DistrictStatisticsQuery } from '../gql/graphql';
import { figure, formatCount, formatGain, formatShare } from '../format';
import { messages, type Lang } from '../i18n';
import { Kpi } from './kpi';

export type DistrictStatistics = NonNullable<DistrictStatisticsQuery['district']>;

/** The picked district's name and headline figures: teachers, meeting the standard, trained, mean gain. */
export function DistrictSummary({ district: d, lang }: { district: DistrictStatistics; lang: Lang }) {
  const t = messages(lang);
  const q = d.qualifications;
  const count = (v: number) => formatCount(lang, v);
  return (
    <>
      <div className="district-head">
        <h1 data-testid="district-name">{d.name}</h1>
        <span className="district-code">{d.code}</span>
      </div>
      <div className="kpis">
        <Kpi testId="kpi-teachers" lang={lang} label={t.teachers} figure={figure(d.teacherCount, q.suppressed)} format={count} />
        <Kpi
          testId="kpi-meeting"
          lang={lang}
          label={t.meetingStandard}
          figure={figure(q.meetingStandard, q.suppressed)}
          format={count}
          extra={q.shareMeetingStandard !== null ? <span className="kpi-share">{formatShare(lang, q.shareMeetingStandard)}</span> : null}
          hint={t.standardHint}
        />
        <Kpi
          testId="kpi-trained"
          lang={lang}
          label={t.teachersTrained}
          figure={figure(d.training?.teachersTrained, d.training?.suppressed ?? false)}
          format={count}
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
}
