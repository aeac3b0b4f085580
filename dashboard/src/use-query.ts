import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ApiError, execute } from './api';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'done'; data: T };

/**
 * One operation for as long as the component shows it; a change of variables cancels the previous request.
 * With `skip` (its variables are not known yet) nothing is sent and the state stays loading.
 */
export function useQuery<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token: string,
  onUnauthenticated: (error: ApiError) => void,
  skip = false,
): QueryState<TData> & { retry: () => void } {
  const [state, setState] = useState<QueryState<TData>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(variables);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    if (skip) return;
    execute(document, JSON.parse(key) as TVariables, token, controller.signal).then(
      (data) => setState({ status: 'done', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError(String((error as Error)?.message ?? error), 'NETWORK_ERROR', 0);
        if (apiError.code === 'UNAUTHENTICATED') onUnauthenticated(apiError);
        setState({ status: 'error', error: apiError });
      },
    );
    return () => controller.abort();
  }, [document, key, token, attempt, onUnauthenticated, skip]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
