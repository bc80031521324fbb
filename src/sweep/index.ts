// Public API of sweep expansion. Re-exports only.
export { expandSweep, countSweepJobs } from './expand-sweep.js';
export type { ExpandSweepOptions, SweepExpansion, SweeperParamValue } from './expand-sweep.js';
export { SweepError } from './sweep-error.js';
export { seededRandom } from './seeded-random.js';
export { filterGlob } from './glob-match.js';
export { sweepJobs } from './sweep-jobs.js';
export type { SweepJobs } from './sweep-jobs.js';
