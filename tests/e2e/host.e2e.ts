import { startExtraGateway } from '../harness/extra-gateway';
import { startExtraSubgraph } from '../harness/extra-subgraph';
import { listenAddresses } from '../harness/listening';

/**
 * Issue 16: HOST decides where every service listens, loopback by default
 * outside production (gateway/test and kit/test check the production
 * default, every interface). The addresses are read from the kernel's
 * table of listening sockets, so nothing connects anywhere but loopback.
 */

jest.setTimeout(60_000);

// HOST '' is "not set" (an empty variable in a .env file), whatever the shell running the tests has.
describe.each([
  ['not set', '', ['127.0.0.1']],
  ['0.0.0.0', '0.0.0.0', ['0.0.0.0']],
])('HOST %s', (_label, host, expected) => {
  it('the gateway listens there', async () => {
    const gateway = await startExtraGateway({ HOST: host, GATEWAY_WORKERS: '1' });
    try {
      expect(listenAddresses(Number(new URL(gateway.origin).port))).toEqual(expected);
      expect((await fetch(`${gateway.origin}/healthz`)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });

  it('a subgraph listens there', async () => {
    const skb = await startExtraSubgraph('skb', { HOST: host });
    try {
      expect(listenAddresses(skb.port)).toEqual(expected);
      expect((await fetch(skb.url.replace('/graphql', '/healthz'))).status).toBe(200);
    } finally {
      await skb.stop();
    }
  });
});
