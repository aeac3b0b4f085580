import { type ServiceProcess } from './services';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls GET /readyz until 200; gives up when the process exits, the caller
 * cancels, or time runs out (then it throws, quoting the service's last
 * output). The exit itself (or the stop) is the caller's to report.
 */
export async function waitUntilReady(
  service: ServiceProcess,
  port: number,
  timeoutMs: number,
  cancelled: () => boolean = () => false,
): Promise<void> {
  const url = `http://127.0.0.1:${port}/readyz`;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (!cancelled() && service.running) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.text()).slice(0, 300);
      if (response.status === 200) return;
      last = `${response.status} ${body}`;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      last = cause ?? (error instanceof Error ? error.message : String(error));
    }
    if (Date.now() > deadline) {
      throw new Error(`${service.label} was not ready within ${timeoutMs / 1000} s (GET ${url}: ${last}); last output:\n${service.tail()}`);
    }
    await sleep(150);
  }
}
