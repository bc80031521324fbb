import { describe, it } from 'vitest';
import { describeLauncherContract } from '../../src/testing/index.js';
import { probeCluster } from './cluster.js';

// The exported launcher contract suite over the built-in slurm launcher, on the test cluster.
// (Not describeCluster: that runs tests concurrently, and the suite's tests share cleanup.)
const probe = probeCluster();
const contract = () => describeLauncherContract('slurm', { config: { launcher: 'slurm', poll_interval_s: 0.5, poll_max_interval_s: 2, timeout_min: 5, use_srun: false }, timeoutMs: 240_000 });
if (probe.ok) contract();
else if (process.env.SLURM_REQUIRED === '1') {
  describe('slurm contract', () => {
    it('needs a SLURM cluster (SLURM_REQUIRED=1)', () => {
      throw new Error(`SLURM_REQUIRED=1 but the cluster is not usable: ${probe.reason}`);
    });
  });
} else {
  process.stderr.write(`[slurm-integration] skipping the slurm contract: ${probe.reason}\n`);
  describe.skip('slurm contract', contract);
}
