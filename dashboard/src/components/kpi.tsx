import type { ReactNode } from 'react';
import type { Figure } from '../format';
import { messages, type Lang } from '../i18n';

export interface KpiProps {
  testId: string;
  label: string;
  figure: Figure;
  format: (value: number) => string;
  /** A second figure beside the first, e.g. the share next to a count. */
  extra?: ReactNode;
  hint?: string;
  lang: Lang;
}

export function Kpi({ testId, label, figure, format, extra, hint, lang }: KpiProps) {
  const t = messages(lang);
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">
        {figure.kind === 'value' ? (
          <span className="kpi-number">{format(figure.value)}</span>
        ) : figure.kind === 'suppressed' ? (
          <span className="suppressed-chip large">{t.suppressed}</span>
        ) : (
          <span className="muted">{t.noData}</span>
        )}
        {extra}
      </div>
      {hint ? <div className="kpi-hint">{hint}</div> : null}
    </div>
  );
}
