import { createHmac, timingSafeEqual } from 'node:crypto';
import { ArgsType, Field, Int, ObjectType, Directive, type ClassType } from 'type-graphql';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { BadUserInputError } from '@mitra/runtime';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({
  description:
    'Where a page of a connection sits in the list (Relay cursor connections). Pages are read forwards, with `first` and `after`.',
})
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'True when the list goes on after this page: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when this page was asked for after a cursor, so items come before it. Pages are read forwards only.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge of this page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge of this page, to pass as `after` for the next page; null when the page is empty.',
  })
  endCursor!: string | null;
}

/**
 * The Relay connection of a node type, for a partner's list fields:
 *
 *     @ObjectType()
 *     export class TeacherConnection extends Connection(Teacher, 'TeacherEdge') {}
 *
 * gives `type TeacherEdge { cursor: String! node: Teacher! }` and
 * `type TeacherConnection { edges: [TeacherEdge!]! pageInfo: PageInfo! totalCount: Int! }`.
 * `totalCount` runs `count`, set by the resolver, only when a client asks for it.
 */
export function Connection<TNode extends object>(node: ClassType<TNode>, edgeName: string) {
  @ObjectType(edgeName, { description: `One ${node.name} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this edge: pass it as `after` to read on from here.' })
    cursor!: string;

    @Field(() => node, { description: `The ${node.name}.` })
    node!: TNode;
  }

  // Not in any schema by itself: type-graphql emits only the types a schema reaches.
  @ObjectType()
  abstract class ConnectionOf {
    @Field(() => [Edge], { description: "This page, in the list's order." })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether there is more, and the cursors to get it.' })
    pageInfo!: PageInfo;

    /** Counted only when a client asks for totalCount. */
    count!: () => Promise<number>;

    @Field(() => Int, { description: 'How many items the whole list has, over all pages (counted only when asked for).' })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return ConnectionOf;
}

/** Whether the field being resolved selects `name` on its result (directly, or through fragments). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const within = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name;
      if (s.kind === Kind.INLINE_FRAGMENT) return within(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return within(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/**
 * A connection's `count`: when the client asked for `totalCount`, started at
 * once, so that its statement runs beside the page's instead of after it;
 * otherwise never run. Call it where the page's statement is about to start,
 * once the arguments have been checked.
 */
export function countWhenAsked(info: GraphQLResolveInfo, count: () => Promise<number>): () => Promise<number> {
  if (!selects(info, 'totalCount')) return count;
  const counted = count();
  // Awaited by totalCount; a page that fails first must not leave it unhandled.
  counted.catch(() => undefined);
  return () => counted;
}

@ArgsType()
export class PageArgs {
  // Nullable with a default, as the contract has it (`first: Int = 20`).
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, 1 to ${MAX_PAGE_SIZE} (${DEFAULT_PAGE_SIZE} when left out).`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (an `endCursor` or edge `cursor` of the same list); from the start when left out.',
  })
  after?: string | null;
}

export type CursorKey = Array<string | number>;

/**
 * Opaque, signed keyset cursors. The signature lets a subgraph tell a cursor
 * it issued from one a client made up, which is BAD_USER_INPUT. The cursor's
 * scope (e.g. "teachers") stops a cursor of one list being used on another.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(scope: string, key: CursorKey): string {
    const body = Buffer.from(JSON.stringify([scope, key])).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  decode(scope: string, cursor: string, field = 'after'): CursorKey {
    const invalid = () => new BadUserInputError(field, 'is not a cursor issued by this server for this list');
    const dot = cursor.indexOf('.');
    if (dot <= 0 || cursor.length > 1024) throw invalid();
    const body = cursor.slice(0, dot);
    const given = Buffer.from(cursor.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    if (!Array.isArray(parsed) || parsed[0] !== scope || !Array.isArray(parsed[1])) throw invalid();
    return parsed[1] as CursorKey;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 22);
  }
}

/** Checks `first` against the design's bounds (1..100). */
export function checkPageSize(first: number | null | undefined, field = 'first'): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(field, `must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
}

/**
 * An edge whose cursor is signed when it is read: a cursor costs an HMAC, and
 * a page of 100 asked without `edges { cursor }` (the teacher pages ask only
 * `pageInfo { endCursor }`) spent 0.5 to 1.3 ms signing cursors nobody read.
 */
class LazyEdge<T> {
  private signed: string | undefined;

  constructor(
    readonly node: T,
    private readonly cursorOf: (row: T) => string,
  ) {}

  get cursor(): string {
    return (this.signed ??= this.cursorOf(this.node));
  }
}

/**
 * Builds a page from rows fetched with limit first + 1: the extra row only
 * tells whether there is a next page. `after` is the cursor the page was asked
 * for after: pages are read forwards only, so items come before this page
 * exactly when there was one (Relay lets forward pagination answer that).
 */
export function toPage<T>(rows: T[], first: number, cursorOf: (row: T) => string, after?: string | null): Page<T> {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  const edges = nodes.map((node) => new LazyEdge(node, cursorOf));
  const pageInfo = new PageInfo();
  pageInfo.hasNextPage = hasNextPage;
  pageInfo.hasPreviousPage = after != null;
  pageInfo.startCursor = edges.length ? edges[0].cursor : null;
  pageInfo.endCursor = edges.length ? edges[edges.length - 1].cursor : null;
  return { edges, pageInfo };
}
