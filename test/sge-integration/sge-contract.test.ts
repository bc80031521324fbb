import { loadLauncher } from '../../src/index.js';
import { describeBatchContract, describeLauncherContract } from '../../src/testing/index.js';
import { FAST_POLL, REPO, SGE_TARGET, withSgeCluster } from './cluster.js';

// The SGE plug-in, loaded by _target_ as a third party's launcher would be, passes the same
// contract suite as the built-ins, and the batch cases it can show, against the real cluster.
const config = { _target_: SGE_TARGET, ...FAST_POLL, timeout_min: 5 };
const launchers = async () => [await loadLauncher(SGE_TARGET, { baseDir: REPO })];
withSgeCluster('sge contract', () => {
  // A batch launcher reads a lazy source in array chunks before they run: a cancel leaves every job it read recorded.
  describeLauncherContract('sge', { config, launchers, timeoutMs: 240_000, lazyCancel: 'all-reached' });
  describeBatchContract('sge', {
    config,
    launchers,
    timeoutMs: 240_000,
    sharedDir: process.env.SGE_TEST_TMP ?? '/tmp',
    faults: {
      preTimeout: {
        notApplicable:
          'SGE sends its notice (-notify, SIGUSR2) only at h_rt, and the script tells a timeout from a deletion by the time elapsed, so one task cannot be given the notice early; the requeue itself is per task by construction (qmod -rj <job>.<task>)',
      },
      // the one host is lx-amd64: `qsub -w v` finds no queue for it (a plain qsub would wait forever)
      impossibleRequest: { config: { resources: { arch: 'sparc' } }, code: 'ERR_SGE_IMPOSSIBLE_REQUEST', words: /cannot run at host .+ because it offers only hl:arch=lx-amd64/, field: 'hydra.launcher.resources.arch=sparc' },
      accountingOutage: {
        notApplicable: 'SGE has no accounting service to lose: qacct reads the file qmaster writes, and qstat then qacct is the one state source, so there is nothing to fall back to',
      },
      // 4 slots: arrays of 2 sharing a budget of 3
      chainedParallelism: { jobs: 8, maxArraySize: 2, parallelism: 3 },
    },
  });
});
