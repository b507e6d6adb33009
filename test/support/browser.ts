// Debian's Chromium driven by playwright-core; never a browser build of its own.
import { chromium, type Browser } from 'playwright-core';

/** `args` adds switches, e.g. `--host-resolver-rules` to reach a loopback service by a LAN-style name. */
export async function launchChromium({ args = [] }: { args?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...args],
  });
}
