// Node 20 starts every top-level before() hook as soon as it is registered,
// all at once, and only the tests wait for them (Node 22 runs them one after
// another). setUp runs its hooks one after another in the order they were
// registered, on any Node, so a hook may use what an earlier one started: the
// helpers that start things for a file (serviceOnOwnCluster, chromiumForTests,
// fakeOpenAIForTests) use it, and so must a file's own setup that uses them.
import { before } from 'node:test';

let last: Promise<unknown> = Promise.resolve();

export function setUp(fn: () => unknown): void {
  before(async () => {
    const mine = last.then(fn);
    last = mine.catch(() => undefined);
    await mine;
  });
}

/** What a helper started, or a clear error when read before its setUp hook ran. */
export function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not started yet: read it in a test, or in a setUp() hook registered after the helper`);
  return value;
}
