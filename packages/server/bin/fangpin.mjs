#!/usr/bin/env node
// Entry point of the `fangpin` CLI. Internal packages export TypeScript source (docs/ARCHITECTURE.md),
// so the CLI registers tsx's loader and runs src/cli.ts directly: no build step between packages.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
