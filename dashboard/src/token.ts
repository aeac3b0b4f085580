/** What the dashboard shows about the token it holds; the gateway alone decides whether it is valid. */
export interface TokenInfo {
  org: string;
  roles: string[];
  sub: string;
  /** Seconds since the epoch. */
  exp: number | null;
}

function decodeSegment(segment: string): unknown {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The claims of a JWT, read without verifying it; null when it is not shaped like a signed JWT. */
export function readToken(token: string): TokenInfo | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return null;
  try {
    const claims = decodeSegment(parts[1]) as Record<string, unknown>;
    if (typeof claims !== 'object' || claims === null) return null;
    return {
      org: typeof claims.org === 'string' ? claims.org : '',
      roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [],
      sub: typeof claims.sub === 'string' ? claims.sub : '',
      exp: typeof claims.exp === 'number' ? claims.exp : null,
    };
  } catch {
    return null;
  }
}

export const isExpired = (info: TokenInfo, nowMs = Date.now()): boolean => info.exp !== null && info.exp * 1000 <= nowMs;

const KEY = 'mitra-dashboard-token';

/** Kept for the browser tab only: closing it signs out. */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (token: string): void => sessionStorage.setItem(KEY, token),
  clear: (): void => sessionStorage.removeItem(KEY),
};
