import { createHash, timingSafeEqual } from 'node:crypto';

/** The header by which the gateway proves itself to the subgraphs (value: GATEWAY_SECRET). */
export const GATEWAY_SECRET_HEADER = 'x-mitra-gateway-secret';

/** Constant-time comparison of the header with the secret (hashed first, so lengths do not leak either). */
export function isGatewaySecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
