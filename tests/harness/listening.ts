import fs from 'node:fs';

/**
 * The addresses a TCP port is listened on, as the kernel reports them
 * (/proc/net/tcp and tcp6): `127.0.0.1`, `0.0.0.0`, `::`... Read from the
 * kernel, so that a test proves where a service listens without
 * connecting to any address but loopback.
 */
export function listenAddresses(port: number): string[] {
  const found: string[] = [];
  for (const [file, decode] of [
    ['/proc/net/tcp', ipv4],
    ['/proc/net/tcp6', ipv6],
  ] as const) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || fields[3] !== '0A') continue; // 0A: LISTEN
      const [address, portHex] = fields[1].split(':');
      if (parseInt(portHex, 16) === port) found.push(decode(address));
    }
  }
  return [...new Set(found)].sort();
}

/** `0100007F` → `127.0.0.1` (little-endian). */
function ipv4(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

/** Only the two addresses a service may be told to listen on matter here: `::` and `::1`; any other shows as hex. */
function ipv6(hex: string): string {
  if (/^0+$/.test(hex)) return '::';
  if (hex === '00000000000000000000000001000000') return '::1';
  return hex;
}
