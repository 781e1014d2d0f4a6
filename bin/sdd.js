#!/usr/bin/env node
import module from 'node:module';
// Node 22.1+ can cache compiled code between runs; on Node 20 this is a no-op.
module.enableCompileCache?.();
// Let git answer "what changed?" while the rest of the CLI loads (see src/prefetch.ts).
const { mark, prefetchStatus } = await import('../dist/prefetch.js');
mark('bin: start');
prefetchStatus(process.argv);
await import('../dist/cli.js');
