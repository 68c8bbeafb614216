#!/usr/bin/env node
// The `segment-workbench` bin: TypeScript runs through tsx, resolved from this file, so the command
// works from any directory once the project's dependencies are installed.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
