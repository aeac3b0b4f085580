import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from '@mitra/devtools';

/**
 * Services run in their own process groups, so a hub killed with SIGKILL
 * (a CI timeout, `kill -9`) leaves them running and holding their ports.
 * Each hub therefore records its children under `<dataDir>/run/`, and the
 * next hub on the same data folder stops what a dead hub left behind.
 */

interface RunFile {
  pid: number;
  children: Array<{ label: string; pid: number; script: string }>;
}

/** Only a process still running our script is ours: pids get recycled. */
function runs(pid: number, script: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(script);
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class RunRecord {
  private readonly file: string;
  private readonly children: RunFile['children'] = [];

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'run', `hub-${process.pid}.json`);
  }

  add(label: string, pid: number | undefined, script: string): void {
    if (pid === undefined) return;
    this.children.push({ label, pid, script });
    this.write();
  }

  remove(): void {
    fs.rmSync(this.file, { force: true });
  }

  private write(): void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const content: RunFile = { pid: process.pid, children: this.children };
      fs.writeFileSync(this.file, JSON.stringify(content));
    } catch {
      // Best effort: without the record only the clean-up after a SIGKILL is lost.
    }
  }
}

/** Stops services recorded by hubs that no longer run. */
export async function stopLeftovers(dataDir: string, log: (line: string) => void): Promise<void> {
  const dir = path.join(dataDir, 'run');
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => /^hub-\d+\.json$/.test(f));
  } catch {
    return;
  }
  for (const name of files) {
    const file = path.join(dir, name);
    let record: RunFile;
    try {
      record = JSON.parse(fs.readFileSync(file, 'utf8')) as RunFile;
    } catch {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (record.pid !== process.pid && isAlive(record.pid)) continue;
    const left = record.children.filter((c) => isAlive(c.pid) && runs(c.pid, c.script));
    for (const child of left) {
      log(`Stopping ${child.label} (pid ${child.pid}), left running by an earlier hub (pid ${record.pid}) that did not stop`);
      process.kill(child.pid, 'SIGTERM');
    }
    const deadline = Date.now() + 10_000;
    while (left.some((c) => isAlive(c.pid)) && Date.now() < deadline) await sleep(100);
    for (const child of left) {
      if (!isAlive(child.pid)) continue;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    fs.rmSync(file, { force: true });
  }
}
