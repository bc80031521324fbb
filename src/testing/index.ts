// spectramind-launch/testing: the launcher contract suite for launcher authors (runs under vitest,
// which the consumer installs). Usage: describeLauncherContract('pbs', { config: { launcher: 'pbs' }, launchers: [pbs] }).
export { describeLauncherContract } from './describe-launcher-contract.js';
export type { LauncherContractOptions } from './describe-launcher-contract.js';
export { describeBatchContract } from './describe-batch-contract.js';
export type { AccountingOutageFault, BatchContractOptions, BatchFaults, ChainedParallelismFault, ImpossibleRequestFault, NotApplicable, PreTimeoutFault } from './describe-batch-contract.js';
export { checkEventOrder } from './check-event-order.js';
export { contractJob, contractModule } from './contract-jobs.js';
export type { ContractJobKind } from './contract-jobs.js';
