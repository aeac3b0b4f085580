import { get } from 'node:http';
import { type ServiceProcess } from './services';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What one GET /readyz found: the status and the start of the body, or why there was no answer. */
export type ReadyzAnswer = { status: number; body: string } | { error: string };

/**
 * One GET http://127.0.0.1:<port>/readyz with node:http, not fetch: fetch
 * refuses the ports of the WHATWG "bad port" list (6000, 6665-6669, 10080,
 * ...) without trying, and a hub on such a port would never look ready.
 */
export function getReadyz(port: number, timeoutMs: number): Promise<ReadyzAnswer> {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/readyz', signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < 300) body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: body.slice(0, 300) }));
      response.on('error', (error) => resolve({ error: error.message }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ error: error.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : (error.code ?? error.message) });
    });
  });
}

/**
 * Polls GET /readyz until 200; gives up when the process exits, the caller
 * cancels, or time runs out (then it throws, quoting the service's last
 * output). The exit itself (or the stop) is the caller's to report.
 */
export async function waitUntilReady(
  service: Pick<ServiceProcess, 'running' | 'label' | 'tail'>,
  port: number,
  timeoutMs: number,
  cancelled: () => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (!cancelled() && service.running) {
    const answer = await getReadyz(port, 2_000);
    if ('status' in answer && answer.status === 200) return;
    last = 'status' in answer ? `${answer.status} ${answer.body}` : answer.error;
    if (Date.now() > deadline) {
      throw new Error(
        `${service.label} was not ready within ${timeoutMs / 1000} s (GET http://127.0.0.1:${port}/readyz: ${last}); last output:\n${service.tail()}`,
      );
    }
    await sleep(150);
  }
}
