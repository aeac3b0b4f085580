import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { formatLogLine, LineTail } from './log-lines';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  /** Service name: the prefix of its output and the name in error messages. */
  label: string;
  script: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Receives each formatted, prefixed output line; omitted when quiet. */
  output?: (line: string) => void;
  /** Receives each output line as the service wrote it (a pino JSON line), for tests that read the logs. */
  rawOutput?: (line: string) => void;
  /** Width the label is padded to, so that columns line up. */
  labelWidth?: number;
}

export function describeExit({ code, signal }: ExitStatus): string {
  return signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}`;
}

/** One child `node` process whose output is prefixed, remembered and awaited. */
/**
 * Node options every service runs with.
 * - `--experimental-async-context-frame`: AsyncLocalStorage (MikroORM's
 *   transactions, OpenTelemetry's context) otherwise turns on Node's promise
 *   hooks for good once entered, and every await of the process pays for
 *   them: 3 to 8 times slower in a micro-benchmark, 8% of a subgraph's CPU on
 *   a page of 100 teachers. With async context frames (Node 22.7 and later;
 *   the default from Node 24) it costs nothing.
 * - `--max-semi-space-size=32` (MB): a young generation large enough for a
 *   request's short-lived objects (parsed answers, rows, resolver promises);
 *   teachers-100 about 5% faster through the gateway and direct, in four
 *   alternating runs (docs/benchmarks.md, docs/deploying.md).
 */
const SERVICE_NODE_ARGS = [
  ...(process.allowedNodeEnvironmentFlags.has('--experimental-async-context-frame') ? ['--experimental-async-context-frame'] : []),
  '--max-semi-space-size=32',
];

export class ServiceProcess {
  readonly label: string;
  readonly exited: Promise<ExitStatus>;
  /** Set before we stop it, so that its exit is not reported as a failure. */
  expectedExit = false;
  private readonly child: ChildProcess;
  private readonly tailLines = new LineTail(50);
  private status: ExitStatus | undefined;

  constructor(options: SpawnOptions) {
    this.label = options.label;
    const prefix = `[${options.label}]`.padEnd((options.labelWidth ?? 0) + 2);
    // Its own process group: a terminal's Ctrl-C then reaches only the CLI,
    // which stops the services in order (gateway before the subgraphs).
    // MITRA_NODE_ARGS: options for every service's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles` (docs/benchmarks.md).
    const nodeArgs = [
      ...SERVICE_NODE_ARGS,
      ...(options.env?.MITRA_NODE_ARGS ?? process.env.MITRA_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
    ];
    this.child = spawn(process.execPath, [...nodeArgs, options.script, ...(options.args ?? [])], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const onLine = (raw: string): void => {
      // Seed scripts already prefix their lines with the service name.
      const own = `[${options.label}] `;
      const line = raw.startsWith(own) ? raw.slice(own.length) : raw;
      options.rawOutput?.(line);
      for (const formatted of formatLogLine(line).split('\n')) {
        this.tailLines.push(formatted);
        options.output?.(`${prefix} ${formatted}`);
      }
    };
    const streams = [this.child.stdout, this.child.stderr].filter((s): s is Readable => s !== null);
    const closed = streams.map(
      (stream) =>
        new Promise<void>((resolve) => {
          readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine).on('close', resolve);
        }),
    );
    this.exited = new Promise<ExitStatus>((resolve) => {
      this.child.once('error', (error) => {
        this.tailLines.push(`could not start: ${error.message}`);
        this.status = { code: null, signal: null };
        resolve(this.status);
      });
      this.child.once('exit', (code, signal) => {
        this.status = { code, signal };
        // Resolve after the last output lines were read, so errors (and tests) can quote them; bounded for a grandchild holding the pipe.
        // The timer is unref'd: once the lines are in, nothing waits on it (jest would otherwise wait up to 5 s to exit).
        void Promise.race([Promise.all(closed), new Promise((r) => setTimeout(r, 5000).unref())]).then(() => resolve({ code, signal }));
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.status === undefined && this.child.pid !== undefined;
  }

  /** Its last output lines, indented, for an error message. */
  tail(): string {
    return this.tailLines.text('    ');
  }

  /**
   * SIGTERM, then SIGKILL to its process group after `timeoutMs`; resolves
   * with how it ended. The default outlasts a service's own bound on
   * stopping (SHUTDOWN_TIMEOUT_MS, 10 s, plus 10 s to close its pool).
   */
  async stop(timeoutMs = 25_000): Promise<ExitStatus> {
    this.expectedExit = true;
    if (!this.running) return this.exited;
    // A frozen (SIGSTOP) service would not see the SIGTERM until it runs again.
    this.child.kill('SIGCONT');
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    if (timer) clearTimeout(timer);
    if (timedOut) {
      try {
        if (this.child.pid) process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        this.child.kill('SIGKILL');
      }
    }
    return this.exited;
  }

  /** SIGSTOP / SIGCONT, for fault tests: a frozen service accepts connections and answers nothing. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    if (this.running) this.child.kill(signal);
  }

  /** For a process 'exit' handler: no waiting possible there. */
  terminateNow(): void {
    if (this.running) this.child.kill('SIGTERM');
  }
}
