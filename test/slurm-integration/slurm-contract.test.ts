import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'vitest';
import type { LauncherDefinition } from '../../src/launchers/launcher-definition.js';
import { slurmScheduler } from '../../src/launchers/slurm/slurm-scheduler.js';
import { createSchedulerCommands } from '../../src/scheduler/create-scheduler-commands.js';
import { defineSlurmLauncher } from '../../src/launchers/slurm/slurm-launcher.js';
import { describeBatchContract, describeLauncherContract } from '../../src/testing/index.js';
import { probeCluster, slurm, useSharedTempDirs } from './cluster.js';

// The exported launcher contract suite, and its batch cases under real faults, over the built-in
// slurm launcher on the test cluster. (Not describeCluster: that runs tests concurrently.)
const probe = probeCluster();
const config = { launcher: 'slurm', poll_interval_s: 0.5, poll_max_interval_s: 2, timeout_min: 5, use_srun: false } as const;
const sharedTempDir = useSharedTempDirs();

/**
 * sacct that gets a real "Connection refused" from slurmdbd, without stopping the shared cluster's
 * slurmdbd, asked first (the default asks the controller first, so sacct would not be asked while
 * the controller holds the tasks).
 */
function brokenAccounting() {
  const warnings: string[] = [];
  return {
    warnings: () => warnings,
    warning: /sacct failed \(.*Connection refused.*\); asking squeue/,
    async launchers() {
      const dir = sharedTempDir('dbd-down');
      const conf = process.env.SLURM_CONF ?? '/etc/slurm/slurm.conf';
      const broken = join(dir, 'slurm.conf');
      writeFileSync(broken, readFileSync(conf, 'utf8').replace(/^AccountingStoragePort=.*$/m, 'AccountingStoragePort=1'));
      if (existsSync(join(dirname(conf), 'gres.conf'))) copyFileSync(join(dirname(conf), 'gres.conf'), join(dir, 'gres.conf'));
      const commands = createSchedulerCommands(slurmScheduler, { env: { ...process.env, SLURM_CONF: broken }, sources: ['sacct', 'squeue'], warn: (m) => warnings.push(m) });
      return [defineSlurmLauncher({ commands }) as unknown as LauncherDefinition];
    },
  };
}

const contract = () => {
  // A batch launcher reads a lazy source in array chunks before they run: a cancel leaves every job it read recorded.
  describeLauncherContract('slurm', { config, timeoutMs: 240_000, lazyCancel: 'all-reached' });
  describeBatchContract('slurm', {
    config,
    timeoutMs: 240_000,
    sharedDir: process.env.SLURM_TEST_TMP ?? '/tmp',
    faults: {
      preTimeout: {
        // the task that starts last carries the array's own job id: requeueing "$SLURM_JOB_ID" there would hit the whole array
        pick(ids) {
          const arrayId = ids[0]?.split('_')[0] ?? '';
          const rows = slurm('squeue', ['-h', '-r', '-j', arrayId, '-o', '%A %i']).trim().split('\n').map((l) => l.trim().split(/\s+/));
          return rows.find(([jobId]) => jobId === arrayId)?.[1] ?? (ids[1] as string);
        },
        // what --signal=B:USR2@N delivers at the limit
        signal: (id) => void slurm('scancel', ['--signal=USR2', '--batch', id]),
      },
      // the test node has 16 GiB
      impossibleRequest: { config: { mem_gb: 32 }, code: 'ERR_SLURM_IMPOSSIBLE_REQUEST', words: /Requested node configuration is not available/, field: 'hydra.launcher.mem_gb=32' },
      accountingOutage: brokenAccounting(),
      chainedParallelism: { jobs: 24, maxArraySize: 4, parallelism: 10 },
    },
  });
};
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
