#!/usr/bin/env node
// The `storefront` command: the command line is TypeScript, run through tsx's loader in this same process (so
// signals such as Ctrl-C reach the demo server directly).
import { register } from 'tsx/esm/api';

register();
await import('../engine/cli.ts');
