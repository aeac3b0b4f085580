import type { GatewayConfig } from './config';

/** A subgraph's entry in the supergraph: `@join__graph(name: "schools", url: "http://...")`. */
const JOIN_GRAPH = /@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g;

/** The URL each subgraph is called at: the configured override, or the one the supergraph records. */
export function subgraphUrlsOf(supergraphSdl: string, config: Pick<GatewayConfig, 'subgraphUrls'>): Map<string, string> {
  const urls = new Map<string, string>();
  for (const [, name, url] of supergraphSdl.matchAll(JOIN_GRAPH)) {
    const effective = (config.subgraphUrls as Record<string, string | undefined>)[name] ?? url;
    if (!effective) throw new Error(`The supergraph records no URL for subgraph ${name}; set ${name.toUpperCase()}_URL.`);
    urls.set(name, effective);
  }
  return urls;
}

/** The supergraph with each subgraph's URL replaced by the one configured for this run. */
export function withSubgraphUrls(sdl: string, urls: ReadonlyMap<string, string>): string {
  return sdl.replace(JOIN_GRAPH, (whole, name: string, _url: string) => {
    const url = urls.get(name);
    return url ? `@join__graph(name: "${name}", url: ${JSON.stringify(url)})` : whole;
  });
}
