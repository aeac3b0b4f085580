import { ClaimError, ConfigError, ORG_KINDS, ROLES, loadAuthConfig, signToken, type TokenRequest } from '@mitra/runtime';

const USAGE = `usage: npm run -s token -- --org <kind:id> --roles <role[,role]> [--sub <subject>] [--ttl <duration>]

Prints a signed development token (HS256 with JWT_SECRET, or the development
secret when JWT_SECRET is not set), and nothing else, on stdout.

  --org    ${ORG_KINDS.map((k) => `${k}:${k === 'school' ? '<npsn>' : '<id>'}`).join(', ')}
           e.g. school:64710001, skb:balikpapan-selatan, university:mulia, government:kaltim
  --roles  ${ROLES.join(', ')} (comma-separated)
  --sub    the subject (default dev:<org>)
  --ttl    lifetime such as 90s, 30m, 1h, 7d (default 1h)

  TOKEN=$(npm run -s token -- --org school:64710001 --roles admin)
  curl -H "Authorization: Bearer $TOKEN" ...`;

class UsageError extends Error {}

export function parseTokenArgs(argv: string[]): TokenRequest {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!['--org', '--roles', '--sub', '--ttl'].includes(name)) throw new UsageError(`Unknown option ${JSON.stringify(arg)}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    values[name.slice(2)] = value;
  }
  if (!values.org) throw new UsageError('--org is required');
  if (!values.roles) throw new UsageError('--roles is required');
  return {
    org: values.org,
    roles: values.roles
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
    sub: values.sub,
    ttl: values.ttl,
  };
}

/** `npm run -s token -- --org school:64710001 --roles admin`: a token the hub accepts, for development and tests. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const request = parseTokenArgs(argv);
  const token = await signToken(loadAuthConfig(process.env), request);
  process.stdout.write(`${token}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const known = error instanceof UsageError || error instanceof ClaimError || error instanceof ConfigError;
    console.error(known ? `npm run token: ${(error as Error).message}` : error);
    if (error instanceof UsageError) console.error(`\n${USAGE}`);
    process.exit(1);
  });
}
