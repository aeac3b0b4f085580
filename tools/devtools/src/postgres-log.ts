const LOG_TAIL = 40;

/** The server's last log lines, quoted when it does not start. */
export class LogTail {
  private readonly lines: string[] = [];
  push(chunk: unknown): void {
    const text = chunk instanceof Error ? chunk.message : String(chunk);
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      this.lines.push(line);
      if (this.lines.length > LOG_TAIL) this.lines.shift();
    }
  }
  text(): string {
    return this.lines.length ? this.lines.map((l) => `  ${l}`).join('\n') : '  (no output)';
  }
}
