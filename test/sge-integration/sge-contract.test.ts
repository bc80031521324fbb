import { loadLauncher } from '../../src/index.js';
import { describeLauncherContract } from '../../src/testing/index.js';
import { FAST_POLL, REPO, SGE_TARGET, withSgeCluster } from './cluster.js';

// The SGE plug-in, loaded by _target_ as a third party's launcher would be, passes the same
// contract suite as the built-ins, against the real cluster.
withSgeCluster('sge contract', () => {
  describeLauncherContract('sge', {
    config: { _target_: SGE_TARGET, ...FAST_POLL, timeout_min: 5 },
    launchers: async () => [await loadLauncher(SGE_TARGET, { baseDir: REPO })],
    timeoutMs: 240_000,
  });
});
