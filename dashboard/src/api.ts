import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export const GRAPHQL_ENDPOINT = '/graphql';

/** A refusal or failure, with the hub's error code (UNAUTHENTICATED, PERSISTED_QUERY_NOT_ALLOWED, …). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** The sha256 that codegen's client preset put in place of the document (persistedDocuments mode). */
function hashOf(document: TypedDocumentNode<unknown, unknown>): string {
  const hash = (document as unknown as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('This document carries no persisted hash: run `npm run codegen -w @mitra/dashboard`.');
  return hash.replace(/^sha256:/, '');
}

/**
 * Runs one of the dashboard's operations. Only the document's hash travels
 * (Apollo's persisted-query extension): the gateway looks the document up in
 * the manifest that codegen wrote, so this works with PERSISTED_QUERIES=required.
 */
export async function execute<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token: string,
  signal?: AbortSignal,
): Promise<TData> {
  const response = await fetch(GRAPHQL_ENDPOINT, {
    method: 'POST',
    signal,
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(document as TypedDocumentNode<unknown, unknown>) } },
    }),
  });
  let body: GraphQLResponse<TData>;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch {
    throw new ApiError(`The hub answered HTTP ${response.status} without a GraphQL body.`, 'BAD_RESPONSE', response.status);
  }
  const first = body.errors?.[0];
  // Statistics are all-or-nothing for a dashboard: a partial answer would draw a misleading chart.
  if (first || !body.data) {
    throw new ApiError(first?.message ?? 'No data in the answer.', first?.extensions?.code ?? 'NO_DATA', response.status);
  }
  return body.data;
}

export interface DevRole {
  id: string;
  org: string;
  roles: string[];
}

/** The demo roles the gateway offers in development; an empty list anywhere else (404). */
export async function fetchDevRoles(): Promise<DevRole[]> {
  try {
    const response = await fetch('/dashboard/dev-token', { headers: { accept: 'application/json' } });
    if (!response.ok) return [];
    const body = (await response.json()) as { roles?: DevRole[] };
    return Array.isArray(body.roles) ? body.roles : [];
  } catch {
    return [];
  }
}

/** A development token for a demo role, signed by the gateway (development mode only). */
export async function fetchDevToken(role: string): Promise<string> {
  const response = await fetch('/dashboard/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ role }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new ApiError(body.error ?? `HTTP ${response.status}`, 'DEV_TOKEN_FAILED', response.status);
  return body.token;
}

/** Downloads one of the gateway's CSV exports with the caller's token (a plain link could not send it). */
export async function downloadCsv(path: string, token: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept: 'text/csv' } });
  if (!response.ok) throw new ApiError(`${response.status} ${await response.text()}`, 'EXPORT_FAILED', response.status);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
