// Debian's Chromium driven by playwright-core; never a browser build of its own.
import { after } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { serviceOnOwnCluster, type ServiceOnCluster } from './service.ts';
import { setUp, started } from './setup.ts';

/** `args` adds switches, e.g. `--host-resolver-rules` to reach a loopback service by a LAN-style name. */
export async function launchChromium({ args = [] }: { args?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...args],
  });
}

/** Chromium for the tests of the file (or describe) this is called in: launched before them, closed after them. */
export function chromiumForTests(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  setUp(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      return started(browser, 'Chromium');
    },
  };
}

/**
 * The page's test bed: Chromium, and the service on a cluster of this test
 * file's own (`serviceOnOwnCluster`, same arguments). The browser closes first
 * (hooks run in the order they are registered), then the service, then the cluster.
 */
export function pageOnOwnCluster(...args: Parameters<typeof serviceOnOwnCluster>): ServiceOnCluster & { readonly browser: Browser } {
  const chromium = chromiumForTests();
  const running = serviceOnOwnCluster(...args);
  return Object.defineProperty(running, 'browser', { get: () => chromium.browser }) as ServiceOnCluster & { readonly browser: Browser };
}
