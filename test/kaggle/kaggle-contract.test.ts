import { describeLauncherContract } from '../launchers/launcher-contract.js';

// Off Kaggle (no KAGGLE_KERNEL_RUN_TYPE in the test environment) the output root is the launch
// cwd, so the shared suite's folder layout holds; the default 10 MiB log cap keeps its 8 MiB log whole.
describeLauncherContract('kaggle', { launcher: 'kaggle' });
