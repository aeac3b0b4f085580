import { hubUrls } from './env';

/**
 * A GraphQL response body, typed loosely on purpose: tests read the part of
 * the answer that matters (`body.data.school.name`, `body.errors[0].extensions`)
 * and compare it with toEqual.
 */
export type LooseBody = any;

export interface GqlResponse {
  status: number;
  headers: Headers;
  body: LooseBody;
}

export interface GqlOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
  /** Default: the gateway. */
  url?: string;
}

/** POSTs one operation to the gateway (or `url`). A body that is not JSON comes back as `{ raw }`. */
export async function gql(query: string, variables?: Record<string, unknown>, options: GqlOptions = {}): Promise<GqlResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(options.url ?? hubUrls().gateway, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: LooseBody;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: response.status, headers: response.headers, body };
}

/** Fails with the errors themselves (message, code, path), not just "expected undefined". */
export function expectNoErrors(body: LooseBody): void {
  if (body?.errors?.length) {
    const errors = (body.errors as Array<{ message?: string; path?: unknown; extensions?: { code?: string } }>).map((e) => ({
      message: e.message,
      code: e.extensions?.code,
      path: e.path,
    }));
    throw new Error(`GraphQL errors: ${JSON.stringify(errors, null, 2)}`);
  }
  if (body?.data === undefined || body?.data === null) {
    throw new Error(`No data in the response: ${JSON.stringify(body).slice(0, 500)}`);
  }
}
