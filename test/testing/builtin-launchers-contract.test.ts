import { describeLauncherContract } from '../../src/testing/index.js';

// The exported suite over every built-in launcher that runs on this machine (slurm runs it
// against the test cluster in test/slurm-integration, sge in test/sge-integration).
describeLauncherContract('basic', { config: { launcher: 'basic' } });
describeLauncherContract('local', { config: { launcher: 'local', max_parallel_jobs: 2 } });
describeLauncherContract('kaggle', { config: { launcher: 'kaggle' } });
