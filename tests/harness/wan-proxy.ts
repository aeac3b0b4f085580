/**
 * Latency on loopback for the tests: a WanProxy (round trip added per
 * request, one more per new connection; modes pass, hang, refuse) in front
 * of each partner. It lives in @mitra/devtools because `npm run bench --
 * --rtt` uses it too, and the bench does not import the tests' harness.
 */
export { WanProxy, type WanMode, type WanTraffic } from '@mitra/devtools';
