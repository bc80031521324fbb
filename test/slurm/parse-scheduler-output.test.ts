import { describe, expect, it } from 'vitest';
import { parseMaxArraySize } from '../../src/launchers/slurm/parse-max-array-size.js';
import { parseSacctRows } from '../../src/launchers/slurm/parse-sacct-rows.js';
import { parseSqueueRows } from '../../src/launchers/slurm/parse-squeue-rows.js';
import { expandTaskList, formatTaskList, splitJobId } from '../../src/launchers/slurm/slurm-job-id.js';

const brief = (records: ReturnType<typeof parseSacctRows>) =>
  records.map((r) => `${r.arrayJobId}_${r.task} ${r.state} ${r.kind} exit=${String(r.exitCode)} sig=${String(r.signal)} attempt=${String(r.attempt)}`).sort();

describe('parseSacctRows', () => {
  it.each([
    ['a finished array with a failure', '7_0|COMPLETED|0:0|None\n7_1|FAILED|3:0|None\n', ['7_0 COMPLETED completed exit=0 sig=0 attempt=1', '7_1 FAILED failed exit=3 sig=0 attempt=1']],
    ['a pending range expanded to its tasks', '7_[2-4%2]|PENDING|0:0|JobArrayTaskLimit\n', ['7_2 PENDING pending exit=0 sig=0 attempt=1', '7_3 PENDING pending exit=0 sig=0 attempt=1', '7_4 PENDING pending exit=0 sig=0 attempt=1']],
    ['a task row winning over a stale range row', '7_[2-3%2]|PENDING|0:0|None\n7_2|RUNNING|0:0|None\n', ['7_2 RUNNING running exit=0 sig=0 attempt=1', '7_3 PENDING pending exit=0 sig=0 attempt=1']],
    ['a requeued task waiting for its second attempt', '1_0|REQUEUED|0:0|None\n', ['1_0 REQUEUED requeued exit=0 sig=0 attempt=2']],
    ['a requeued task that finished its second attempt', '1_0|REQUEUED|0:0|None\n1_1|FAILED|1:0|None\n1_0|COMPLETED|0:0|None\n', ['1_0 COMPLETED completed exit=0 sig=0 attempt=2', '1_1 FAILED failed exit=1 sig=0 attempt=1']],
    ['"CANCELLED by 0" normalised', '9_1|CANCELLED by 0|0:15|None\n', ['9_1 CANCELLED cancelled exit=0 sig=15 attempt=1']],
    ['out of memory, node failure, preemption, timeout', '3_0|OUT_OF_MEMORY|0:125|None\n3_1|NODE_FAIL|0:0|None\n3_2|PREEMPTED|0:0|None\n3_3|TIMEOUT|0:0|None\n', ['3_0 OUT_OF_MEMORY out-of-memory exit=0 sig=125 attempt=1', '3_1 NODE_FAIL node-fail exit=0 sig=0 attempt=1', '3_2 PREEMPTED preempted exit=0 sig=0 attempt=1', '3_3 TIMEOUT timeout exit=0 sig=0 attempt=1']],
    ['the lagging bare record sacct prints before it knows the task id, ignored', '79|FAILED|1:0|None\n79_0|RUNNING|0:0|None\n', ['79_0 RUNNING running exit=0 sig=0 attempt=1']],
    ['blank lines and garbage ignored', '\n\nnot a row\nxyz|RUNNING|0:0|\n', []],
  ])('parses %s', (_name, text, expected) => {
    expect(brief(parseSacctRows(text))).toEqual(expected);
  });
});

describe('parseSqueueRows', () => {
  it('parses live and finished tasks, decoding the wait status and counting restarts', () => {
    const text = '5_0|RUNNING|0|0|None|\n5_1|PENDING|0|0|JobArrayTaskLimit|\n5_2|FAILED|768|0|NonZeroExitCode|\n5_3|FAILED|11|0|JobLaunchFailure|\n5_4|PENDING|0|2|BeginTime|\n';
    expect(brief(parseSqueueRows(text))).toEqual([
      '5_0 RUNNING running exit=0 sig=0 attempt=1',
      '5_1 PENDING pending exit=0 sig=0 attempt=1',
      '5_2 FAILED failed exit=3 sig=0 attempt=1',
      '5_3 FAILED failed exit=0 sig=11 attempt=1',
      '5_4 PENDING pending exit=0 sig=0 attempt=3',
    ]);
    expect(parseSqueueRows(text).map((r) => r.reason)).toEqual([null, 'JobArrayTaskLimit', 'NonZeroExitCode', 'JobLaunchFailure', 'BeginTime']);
  });

  it('reads an empty or unreadable exit status and restart count as unknown, not as 0', () => {
    expect(brief(parseSqueueRows('6_0|PENDING|||None|\n6_1|RUNNING|N/A|x|None|\n'))).toEqual(['6_0 PENDING pending exit=null sig=null attempt=null', '6_1 RUNNING running exit=null sig=null attempt=null']);
  });

  it('keeps a reason longer than a padded column would allow, and skips lines that are no task', () => {
    expect(parseSqueueRows('\nnot a row\n9_[1-2]|PENDING|0|0|ReqNodeNotAvail, UnavailableNodes:node[1-4]|\n').map((r) => `${r.task}:${String(r.reason)}`)).toEqual([
      '1:ReqNodeNotAvail, UnavailableNodes:node[1-4]',
      '2:ReqNodeNotAvail, UnavailableNodes:node[1-4]',
    ]);
  });
});

describe('parseMaxArraySize', () => {
  it('reads MaxArraySize from scontrol show config', () => {
    expect(parseMaxArraySize('MaxArraySize            = 10001\nMaxJobCount = 100000\n')).toBe(10001);
    expect(parseMaxArraySize('nothing here')).toBeNull();
  });
});

describe('job id syntax', () => {
  it.each([
    ['a single task', '12_3', { arrayJobId: '12', tasks: [3] }],
    ['a throttled range', '12_[4-7%2]', { arrayJobId: '12', tasks: [4, 5, 6, 7] }],
    ['a list with ranges', '12_[1,3-5]', { arrayJobId: '12', tasks: [1, 3, 4, 5] }],
    ['a bare id, which names no task yet', '12', { arrayJobId: '12', tasks: [] }],
  ])('splits %s', (_name, text, expected) => {
    expect(splitJobId(text)).toEqual(expected);
  });

  it('expands a stepped range', () => {
    expect(expandTaskList('[0-8:4]')).toEqual([0, 4, 8]);
  });

  it.each([
    ['one task', [3], '3'],
    ['a run and singles', [0, 1, 2, 5, 7, 8], '0-2,5,7-8'],
    ['every other task', [0, 2, 4], '0,2,4'],
    ['nothing', [], ''],
  ])('writes %s as a task list that expands back to it', (_name, tasks, text) => {
    expect(formatTaskList(tasks)).toBe(text);
    expect(expandTaskList(`[${text}]`)).toEqual(tasks);
  });
});
