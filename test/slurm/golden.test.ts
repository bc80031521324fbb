import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { golden } from './golden.js';

describe('golden', () => {
  // These cases are about reading: an UPDATE_GOLDEN=1 run of the whole folder must not make them write.
  beforeEach(() => vi.stubEnv('UPDATE_GOLDEN', ''));
  afterEach(() => vi.unstubAllEnvs());

  it('fails when the golden file is missing instead of writing it and passing', () => {
    expect(() => golden('no-such-golden-file.sbatch', 'anything')).toThrow(/golden file .*no-such-golden-file\.sbatch is missing.*UPDATE_GOLDEN=1/);
  });

  it('returns the stored text of a golden file that exists', () => {
    expect(golden('job.sh', 'ignored')).toMatch(/^# job 7 /);
  });
});
