import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createGatewayServer, SupergraphMissingError } from '../src/server';
import { testGatewayConfig } from './test-gateway';

// Settings the gateway reads at start-up, checked without starting it: no subgraph is asked.

const NOWHERE = { url: 'http://127.0.0.1:9/graphql' };
const configFor = (env: Record<string, string> = {}) => testGatewayConfig({ schools: NOWHERE, university: NOWHERE, skb: NOWHERE }, env);

describe('worker settings', () => {
  it('default to one worker per core, take GATEWAY_WORKERS, and refuse nonsense', () => {
    expect(configFor().workers).toBe(availableParallelism());
    expect(configFor({ GATEWAY_WORKERS: '3' }).workers).toBe(3);
    expect(() => configFor({ GATEWAY_WORKERS: '0' })).toThrow(/GATEWAY_WORKERS/);
    expect(() => configFor({ GATEWAY_WORKERS: 'many' })).toThrow(/GATEWAY_WORKERS/);
  });

  it('explain that the Hive engine is gone when GATEWAY_ENGINE asks for it', () => {
    expect(configFor({ GATEWAY_ENGINE: 'apollo' }).port).toBe(0);
    expect(() => configFor({ GATEWAY_ENGINE: 'hive' })).toThrow(
      /GATEWAY_ENGINE: only "apollo" remains \(the Hive engine was removed; the scale path is a Rust router: docs\/router\.md\)/,
    );
  });
});

describe('start-up', () => {
  it('refuses to start without the supergraph file, saying how to make it', async () => {
    const attempt = createGatewayServer(configFor({ SUPERGRAPH_PATH: path.join(__dirname, 'no-such.graphql') }));
    await expect(attempt).rejects.toBeInstanceOf(SupergraphMissingError);
    await expect(attempt).rejects.toThrow(/npm run compose/);
  });
});
