import type { ReactNode } from 'react';
import { messages, type Lang } from '../i18n';
import type { QueryState } from '../use-query';

export interface LoadableProps<T> {
  state: QueryState<T> & { retry: () => void };
  lang: Lang;
  children: (data: T) => ReactNode;
  testId: string;
}

/** A query's data once it is there; meanwhile a placeholder, and on failure the error with a retry button. */
export function Loadable<T>({ state, lang, children, testId }: LoadableProps<T>) {
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
