/** What the contract suite's jobs do; each is a `node -e` program, so no file ships with the suite. */
export type ContractJobKind = 'write-num' | 'exit' | 'wait-forever' | 'count-runs' | 'print-lines';

// Each program writes only inside its own run folder (SPECTRAMIND_RUN_DIR).
const PROGRAMS: Readonly<Record<ContractJobKind, string>> = {
  'write-num': "require('node:fs').writeFileSync(require('node:path').join(process.env.SPECTRAMIND_RUN_DIR, 'num.txt'), process.env.SPECTRAMIND_JOB_NUM)",
  exit: 'process.exit(Number(process.argv[1]))',
  'wait-forever': "require('node:fs').writeFileSync(require('node:path').join(process.env.SPECTRAMIND_RUN_DIR, 'pid.txt'), String(process.pid)); setInterval(() => {}, 1000)",
  // five numbered lines on stdout, one line on stderr, after a pause (so a tail of a batch log sees them appear)
  'print-lines': "setTimeout(() => { for (let i = 1; i <= 5; i++) console.log('out-' + i); console.error('err-1') }, Number(process.argv[1] || 0))",
  'count-runs':
    "const fs = require('node:fs'); fs.appendFileSync(require('node:path').join(process.env.SPECTRAMIND_RUN_DIR, 'runs.txt'), 'run\\n'); " +
    "const flag = process.argv[1]; if (flag && !fs.existsSync(flag)) process.exit(3)",
};

/** The argv of one contract job: this Node, `-e`, the program, and its one argument. */
export function contractJob(kind: ContractJobKind, arg: string | number = ''): string[] {
  return [process.execPath, '-e', PROGRAMS[kind], String(arg)];
}

/** A module job file: the default export returns a result from the config; `fails` throws. */
export const contractModule = [
  'export default function train(context) {',
  '  return { num: context.num, doubled: Number(context.config.lr) * 2 };',
  '}',
  'export function fails() {',
  "  throw new Error('module failed on purpose');",
  '}',
  '',
].join('\n');
