import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Jobs are real child processes: give slow machines room, never time behaviour here.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
