import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium (installed by .ci/run with apt): Playwright's own browser downloads are not available here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Where tests leave what a person may want to look at (screenshots); gitignored. */
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', 'test-artifacts');

// Without the background-networking flags Chromium keeps trying Google's hosts, which this machine's network refuses.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium driven by playwright-core, with a fresh profile
 * (--user-data-dir) removed again on close. A missing browser fails the
 * test with the command that installs it: a browser test never skips itself.
 */
export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser tests drive Debian's chromium with playwright-core ` +
        '(browser downloads are not available here). Install it with `sudo apt-get update && sudo apt-get install -y chromium` ' +
        '(CI: .ci/run does), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
