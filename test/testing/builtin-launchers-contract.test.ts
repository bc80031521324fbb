import { describeLauncherContract } from '../../src/testing/index.js';

// The exported suite over every built-in launcher that runs on this machine (slurm runs it
// against the test cluster in test/slurm-integration, sge in test/sge-integration).
describeLauncherContract('basic', { config: { launcher: 'basic' } });
describeLauncherContract('local', { config: { launcher: 'local', max_parallel_jobs: 2 } });
// Kaggle reads a lazy source whole before it runs (its budget plans every job), so a cancel leaves no unreached range.
describeLauncherContract('kaggle', { config: { launcher: 'kaggle' }, lazyCancel: 'all-reached' });
