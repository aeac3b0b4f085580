import http from 'node:http';
import https from 'node:https';

/**
 * A JSON POST with node:http (or https) over kept-alive connections, for a
 * service's own questions to the gateway (a subgraph's key checks, a
 * caller's reach, catalogue names). Not `fetch`: it refuses the ports of the
 * WHATWG "bad port" list (6000, 6665-6669, 10080, ...) without trying, so a
 * gateway on such a port could never be asked, and it opens a new
 * connection more often than this agent does. HTTPS trusts the system's CAs
 * and NODE_EXTRA_CA_CERTS, as fetch does.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 64 }),
};

/** The most of an answer read: anything longer is cut and parsed as it is (and fails to parse). */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export interface PostJsonAnswer {
  status: number;
  text: string;
}

/**
 * The questions are reads (queries), so one that failed on a kept-alive
 * connection the server had already closed (a gateway restarted, its idle
 * timeout passed: ECONNRESET on a reused socket) is sent once more, on a new
 * connection, as Node's documentation advises.
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostJsonAnswer> {
  try {
    return await postOnce(url, body, headers, timeoutMs);
  } catch (error) {
    if ((error as { reusedSocket?: boolean }).reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
      return postOnce(url, body, headers, timeoutMs);
    }
    throw error;
  }
}

function postOnce(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostJsonAnswer> {
  const target = new URL(url);
  const agent = agents[target.protocol as keyof typeof agents];
  if (!agent) return Promise.reject(new Error(`unsupported protocol ${target.protocol} in ${url}`));
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', (error) => reject(Object.assign(error, { reusedSocket: request.reusedSocket })));
    request.end(body);
  });
}
