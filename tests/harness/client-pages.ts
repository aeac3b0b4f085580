/// <reference types="jest" />
// Jest's globals (expect): the page walkers run inside test files only.
import { sql } from './db';
import { reachOf } from './reach';

/** What a client put on the wire for one request. */
export interface SentRequest {
  method: string;
  accept: string | null;
  contentType: string | null;
  /** The operation travels in the URL (`?query=`), as a GET does. */
  queryInUrl: boolean;
}

/**
 * A fetch that records what each request carries before sending it on:
 * given to a client as its `fetch`, it shows the client's defaults.
 */
export function tracedFetch(sent: SentRequest[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      accept: request.headers.get('accept'),
      contentType: request.headers.get('content-type'),
      queryInUrl: new URL(request.url).searchParams.has('query'),
    });
    return fetch(request);
  };
}

/** The ids of the teachers `org` may see, in the order `teachers` pages them (name, then id). */
export async function teacherOrderFor(org: string): Promise<string[]> {
  const reach = await reachOf(org);
  const rows = await sql<{ id: string }>('schools', 'select id from teacher where id = any($1::uuid[]) order by full_name, id', [
    [...reach.teachers],
  ]);
  return rows.map((row) => row.id);
}

/** One page of teachers as every client here asks for it: each School and District in it carries its cache key. */
export const TEACHER_PAGE = `query TeacherPage($first: Int, $after: String) {
  teachers(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id fullName school { npsn name district { code name } } } }
  }
}`;

/** Deeper than MAX_QUERY_DEPTH (12): refused before planning. */
export const TOO_DEEP = `{ trainingPrograms { ${'prerequisite { '.repeat(12)}id${' }'.repeat(12)} } }`;

export interface TeacherPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; fullName: string; school: { npsn: string; district: { code: string } } } }>;
}

/** A connection as the walkers read it: any node with an id. */
export type Connection = Pick<TeacherPage, 'totalCount' | 'pageInfo'> & { edges: Array<{ cursor: string; node: { id: string } }> };

/**
 * Walks every page of a connection, checking each PageInfo against its edges
 * and its place in the walk; returns the ids in the order they came.
 */
export async function walk(
  fetchPage: (after: string | null) => Promise<Connection>,
  total: number,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  for (let after: string | null = null, pages = 1; ; pages += 1) {
    const { edges, pageInfo, totalCount } = await fetchPage(after);
    expect(totalCount).toBe(total);
    expect(pageInfo).toMatchObject({
      hasPreviousPage: after !== null,
      startCursor: edges[0].cursor,
      endCursor: edges[edges.length - 1].cursor,
    });
    ids.push(...edges.map((edge) => edge.node.id));
    if (!pageInfo.hasNextPage) return { ids, pages };
    after = pageInfo.endCursor;
  }
}

/**
 * Walks every page with a client whose cache merges the pages (Apollo's
 * relayStylePagination, graphcache's relayPagination): each answer is every
 * page so far as one list, from the first page's start to the newest page's
 * end, and must be `expectedIds` so far.
 */
export async function walkMerged<C extends Connection>(
  fetchPage: (variables: { first: number; after: string | null }) => Promise<C>,
  expectedIds: string[],
  first: number,
): Promise<{ merged: C; pages: number }> {
  let after: string | null = null;
  for (let pages = 1; ; pages += 1) {
    const merged = await fetchPage({ first, after });
    const { edges, pageInfo } = merged;
    expect(merged.totalCount).toBe(expectedIds.length);
    expect(edges.map((edge) => edge.node.id)).toEqual(expectedIds.slice(0, pages * first));
    expect(pageInfo).toMatchObject({ hasPreviousPage: false, startCursor: edges[0].cursor, endCursor: edges[edges.length - 1].cursor });
    if (!pageInfo.hasNextPage) {
      expect(pages).toBe(Math.ceil(expectedIds.length / first));
      expect(edges.map((edge) => edge.node.id)).toEqual(expectedIds);
      return { merged, pages };
    }
    after = pageInfo.endCursor;
  }
}
