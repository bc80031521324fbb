// Empties dist/ before a build, so a renamed or deleted source never ships as a stale .js file.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
