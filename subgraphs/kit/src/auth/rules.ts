import type { GraphQLResolveInfo } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { ForbiddenError, isPartner, UnauthenticatedError, type OrgKind, type Role, type Viewer } from '@mitra/runtime';

/**
 * What `@Authorized(...)` takes, in every subgraph. Several rules in one
 * decorator mean "any of them"; `@Authorized()` with none means any valid
 * token. A rule on a class covers every field of that class (a type's own
 * fields, or every query, mutation and field of a resolver class) unless a
 * field carries its own `@Authorized`.
 */
export const Rule = {
  /** Any valid token: a partner or a government office. Anonymous: UNAUTHENTICATED. */
  AUTHENTICATED: 'AUTHENTICATED',
  /** Aggregates without persons: any valid token (partner or government). Anonymous: UNAUTHENTICATED. */
  STATISTICS: 'STATISTICS',
  /**
   * Person-level data (teachers, qualifications, registrations, assessments):
   * a partner organisation (school, skb, university), any role. Government:
   * FORBIDDEN. Anonymous: UNAUTHENTICATED.
   */
  PERSONS: 'PERSONS',
  /**
   * Personal fields (birth date and the like): as PERSONS, and the value only
   * for the organisation that owns the record (its `ownerOrg`); every other
   * partner gets null, not an error. The field must be nullable.
   */
  PERSONAL: 'PERSONAL',
  /**
   * Internal fields (@inaccessible, such as the teacher keys that statistics
   * pass between subgraphs): only on requests that carry the gateway's
   * secret. Reached directly: FORBIDDEN.
   */
  GATEWAY_ONLY: 'GATEWAY_ONLY',
  /** Writes: `<org kind>:<role>` grants, e.g. a school's admin. */
  SCHOOL_ADMIN: 'school:admin',
  UNIVERSITY_ADMIN: 'university:admin',
  /** A training provider (an LPD) has a university's powers over its own programs. */
  PROVIDER_ADMIN: 'provider:admin',
  SKB_ADMIN: 'skb:admin',
  SKB_STAFF: 'skb:staff',
} as const;

export type Grant = `${OrgKind}:${Role}`;
export type AccessRule = 'AUTHENTICATED' | 'STATISTICS' | 'PERSONS' | 'PERSONAL' | 'GATEWAY_ONLY' | Grant;

/** A record with personal fields says which organisation it belongs to, e.g. `school:64710001`. */
export interface OwnedRecord {
  readonly ownerOrg: string;
}

export interface AccessRequest {
  viewer: Viewer | null;
  /** The request carried the gateway's secret. */
  fromGateway: boolean;
  /** The object whose field is resolved (for PERSONAL: its ownerOrg). */
  root?: unknown;
  /** `Type.field` or `Type reference`, for the message. */
  what: string;
}

type Outcome = { allow: true } | { allow: false; nullify: true } | { allow: false; nullify: false; error: Error };

const allow: Outcome = { allow: true };
const deny = (error: Error): Outcome => ({ allow: false, nullify: false, error });

function needsToken(what: string): Error {
  return new UnauthenticatedError(`${what} needs a token (Authorization: Bearer <JWT>)`);
}

function personLevel(request: AccessRequest): Outcome {
  const { viewer, what } = request;
  if (!viewer) return deny(needsToken(what));
  if (!isPartner(viewer)) return deny(new ForbiddenError(`${what} is person-level data: ${viewer.orgKind} tokens read statistics only`));
  return allow;
}

function evaluate(rule: string, request: AccessRequest): Outcome {
  const { viewer, what } = request;
  switch (rule) {
    case Rule.AUTHENTICATED:
    case Rule.STATISTICS:
      return viewer ? allow : deny(needsToken(what));
    case Rule.PERSONS:
      return personLevel(request);
    case Rule.PERSONAL: {
      const base = personLevel(request);
      if (!base.allow) return base;
      const owner = (request.root as Partial<OwnedRecord> | null | undefined)?.ownerOrg;
      // A record that does not say whose it is shows its personal fields to no one.
      return typeof owner === 'string' && owner === viewer?.org ? allow : { allow: false, nullify: true };
    }
    case Rule.GATEWAY_ONLY:
      return request.fromGateway ? allow : deny(new ForbiddenError(`${what} is served only to the gateway`));
    default: {
      const [kind, role] = rule.split(':');
      if (!kind || !role) throw new Error(`Unknown access rule ${JSON.stringify(rule)} on ${what}`);
      if (!viewer) return deny(needsToken(what));
      return viewer.orgKind === kind && viewer.roles.includes(role as Role)
        ? allow
        : deny(new ForbiddenError(`${what} is allowed to ${describeGrant(rule)}`));
    }
  }
}

const ORG_LABELS: Record<string, string> = {
  school: 'a school',
  skb: 'an SKB',
  university: 'a university',
  provider: 'a training provider',
  government: 'a government office',
};

function describeGrant(grant: string): string {
  const [kind, role] = grant.split(':');
  return `${ORG_LABELS[kind] ?? kind}'s ${role}`;
}

/**
 * The one decision behind `@Authorized`, reference resolvers and anything
 * else that needs it: true to go on, false for "null, no error" (a personal
 * field of another organisation's record), or it throws UNAUTHENTICATED /
 * FORBIDDEN saying what is needed.
 */
export function checkAccess(rules: readonly string[], request: AccessRequest): boolean {
  const outcomes = (rules.length ? rules : [Rule.AUTHENTICATED]).map((rule) => evaluate(rule, request));
  if (outcomes.some((o) => o.allow)) return true;
  if (outcomes.some((o) => !o.allow && o.nullify)) return false;
  const errors = outcomes.flatMap((o) => (!o.allow && !o.nullify ? [o.error] : []));
  const unauthenticated = errors.find((e) => e instanceof UnauthenticatedError);
  if (unauthenticated) throw unauthenticated;
  if (errors.length === 1) throw errors[0];
  const grants = rules.filter((rule) => rule.includes(':'));
  if (grants.length === rules.length) throw new ForbiddenError(`${request.what} is allowed to ${grants.map(describeGrant).join(' or ')}`);
  throw new ForbiddenError(errors.map((e) => e.message).join('; '));
}

/** What every subgraph's context carries for the checker. */
export interface AccessContext {
  viewer: Viewer | null;
  fromGateway: boolean;
}

function describeField(info: GraphQLResolveInfo): string {
  return `${info.parentType.name}.${info.fieldName}`;
}

/**
 * type-graphql's auth checker for every subgraph; built with `authMode:
 * 'null'` so that `false` means a null field without an error, while every
 * refusal throws its own coded error.
 */
export const authChecker: AuthChecker<AccessContext, string> = ({ root, context, info }, rules) =>
  checkAccess(rules, { viewer: context.viewer, fromGateway: context.fromGateway, root, what: describeField(info) });

/**
 * A `__resolveReference` under the same rules as the type's fields: reference
 * resolvers run outside type-graphql's middleware, so `_entities` asking for
 * a Teacher must be refused here as it is at `Query.teacher`.
 */
export function authorizedReference<R extends object, C extends AccessContext, T>(
  rules: readonly AccessRule[],
  resolve: (reference: R, context: C, info?: GraphQLResolveInfo) => T,
): (reference: R & { __typename?: string }, context: C, info?: GraphQLResolveInfo) => T | null {
  return (reference, context, info) => {
    const what = `${reference.__typename ?? info?.parentType.name ?? 'entity'} reference`;
    if (!checkAccess(rules, { viewer: context.viewer, fromGateway: context.fromGateway, root: reference, what })) return null;
    return resolve(reference, context, info);
  };
}

/** Writes: an organisation changes only its own rows. FORBIDDEN before anything is read or written otherwise. */
export function requireOwnOrganisation(viewer: Viewer | null, owner: string, what: string): asserts viewer is Viewer {
  if (!viewer) throw needsToken(what);
  if (viewer.org !== owner) throw new ForbiddenError(`${what}: ${viewer.org} may write only its own rows, not those of ${owner}`);
}

/** The caller of a write that `@Authorized` already let through, typed as present. */
export function requireViewer(viewer: Viewer | null, what: string): Viewer {
  if (!viewer) throw needsToken(what);
  return viewer;
}
