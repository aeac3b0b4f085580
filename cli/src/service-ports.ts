import { portIsFree } from '@mitra/devtools';
import { DEFAULT_PORTS, SUBGRAPH_NAMES, type ServiceName } from '@mitra/runtime';
import { type HubOptions } from './hub-options';

/** The order the hub starts its services in: the subgraphs, then the gateway in front of them. */
export const SERVICE_ORDER: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway'];

/** Service labels are padded to this width, so that their output lines up. */
export const LABEL_WIDTH = Math.max(...SERVICE_ORDER.map((name) => name.length));

export const portVariable = (name: ServiceName): string => `${name.toUpperCase()}_PORT`;

export function resolvePorts(given: HubOptions['ports'], env: NodeJS.ProcessEnv): Record<ServiceName, number> {
  const ports = {} as Record<ServiceName, number>;
  for (const name of SERVICE_ORDER) {
    const fromEnv = env[portVariable(name)];
    const port = given?.[name] ?? (fromEnv ? Number(fromEnv) : DEFAULT_PORTS[name]);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`Invalid port for ${name}: ${String(port)} (${portVariable(name)})`);
    ports[name] = port;
  }
  return ports;
}

/** A port taken by something else would otherwise make /readyz answer for the wrong server. */
export async function assertPortsFree(ports: Record<ServiceName, number>): Promise<void> {
  const busy: string[] = [];
  for (const name of SERVICE_ORDER) {
    if (!(await portIsFree(ports[name]))) busy.push(`${name} ${ports[name]} (${portVariable(name)})`);
  }
  if (busy.length)
    throw new Error(`Port${busy.length > 1 ? 's' : ''} already in use: ${busy.join(', ')}. Stop what uses it or choose another port.`);
}
