import { describe, expect, it } from 'vitest';
import { createSlurmCommands } from '../../src/launchers/slurm/create-slurm-commands.js';
import { slurmScheduler } from '../../src/launchers/slurm/slurm-scheduler.js';
import { createSchedulerCommands } from '../../src/scheduler/create-scheduler-commands.js';
import type { CommandRunner, CommandRunResult } from '../../src/process/run-command.js';
import { fakeClock } from '../scheduler/fake-clock.js';

const ok = (stdout: string): CommandRunResult => ({ exitCode: 0, stdout, stderr: '', spawnError: null });
const fail = (stderr: string, exitCode = 1): CommandRunResult => ({ exitCode, stdout: '', stderr, spawnError: null });

function scripted(answers: Record<string, CommandRunResult[]>) {
  const calls: { argv: readonly string[]; env: Readonly<Record<string, string>> }[] = [];
  const runner: CommandRunner = async (argv, env) => {
    calls.push({ argv, env });
    const queue = answers[argv[0] ?? ''] ?? [];
    const next = queue.length > 1 ? queue.shift() : queue[0];
    if (next === undefined) throw new Error(`unexpected ${argv.join(' ')}`);
    return next;
  };
  return { runner, calls };
}

describe('createSlurmCommands', () => {
  it('retries a busy controller with growing, jittered delays, then succeeds', async () => {
    const { runner, calls } = scripted({ sbatch: [fail('sbatch: error: Socket timed out on send/recv operation'), fail('slurm_load_jobs error: Resource temporarily unavailable'), ok('42;dev\n')] });
    const clock = fakeClock();
    const commands = createSlurmCommands({ runner, clock, random: () => 0.5, env: {} });
    await expect(commands.submit('/f/array-0.sbatch', { hold: false, after: null })).resolves.toBe('42');
    expect(calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([375, 750]);
  });

  it('gives one clear error naming the command and its stderr when the controller stays down', async () => {
    const { runner, calls } = scripted({ squeue: [fail('squeue: error: Unable to contact slurm controller (connect failure)')] });
    const commands = createSlurmCommands({ runner, clock: fakeClock(), random: () => 0, env: {}, accounting: 'squeue', retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 10 } });
    const error = await commands.query([{ arrayJobId: '5', task: 0 }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_SLURM_COMMAND' });
    expect(String((error as Error).message)).toMatch(/`squeue -h -r -t all --jobs=5 -O JobArrayID:\|,State:\|,exit_code:\|,RestartCnt:\|,Reason:\|` failed with exit code 1 \(tried 3 times\): squeue: error: Unable to contact slurm controller/);
    // the last source left is retried: nobody else can answer
    expect(calls.filter((c) => c.argv[0] === 'squeue')).toHaveLength(3);
  });

  it('fails a poll in the words of the first source when every source fails, asking each once', async () => {
    const { runner, calls } = scripted({ squeue: [fail('squeue: error: Unable to contact slurm controller (connect failure)')], sacct: [fail('sacct: error: Problem talking to the database: Connection refused')] });
    const commands = createSlurmCommands({ runner, clock: fakeClock(), random: () => 0, env: {}, warn: () => undefined });
    const error = await commands.query([{ arrayJobId: '5', task: 0 }]).catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/squeue .* failed .*Unable to contact slurm controller/);
    expect(calls.map((c) => c.argv[0])).toEqual(['squeue', 'sacct']);
  });

  it('caps an array whose split-out tasks already ended, where scontrol reports them and fails', async () => {
    const { runner, calls } = scripted({ scontrol: [fail('9252_0-1: Job has already finished\n9252_2-3: No error')] });
    const commands = createSlurmCommands({ runner, clock: fakeClock(), random: () => 0, env: {} });
    await expect(commands.throttle?.('9252', 3)).resolves.toBeUndefined();
    expect(calls.map((c) => c.argv.join(' '))).toEqual(['scontrol update JobId=9252 ArrayTaskThrottle=3']);
    const other = scripted({ scontrol: [fail('scontrol: error: Access/permission denied')] });
    await expect(createSlurmCommands({ runner: other.runner, clock: fakeClock(), random: () => 0, env: {} }).throttle?.('9252', 3)).rejects.toMatchObject({ code: 'ERR_SLURM_COMMAND' });
  });

  it('does not retry an error that time will not fix', async () => {
    const { runner, calls } = scripted({ sbatch: [fail('sbatch: error: Invalid account or account/partition combination specified')] });
    const commands = createSlurmCommands({ runner, clock: fakeClock(), env: {} });
    await expect(commands.submit('/s', { hold: false, after: null })).rejects.toThrow(/Invalid account/);
    expect(calls).toHaveLength(1);
  });

  it('says how to install SLURM when its programs are missing', async () => {
    const enoent = Object.assign(new Error('spawn sbatch ENOENT'), { code: 'ENOENT' });
    const runner: CommandRunner = async () => ({ exitCode: null, stdout: '', stderr: '', spawnError: enoent });
    const commands = createSlurmCommands({ runner, clock: fakeClock(), env: {} });
    await expect(commands.submit('/s', { hold: false, after: null })).rejects.toMatchObject({ code: 'ERR_SLURM_NOT_FOUND' });
  });

  it('asks the controller once for every array of the launch, finished tasks included, with their exit status', async () => {
    const { runner, calls } = scripted({ squeue: [ok('7_0|COMPLETED|0|0|None|\n8_0|RUNNING|0|0|None|\n8_1|FAILED|768|1|NonZeroExitCode|\n')] });
    const commands = createSlurmCommands({ runner, clock: fakeClock(), env: {} });
    const records = await commands.query([{ arrayJobId: '7', task: 0 }, { arrayJobId: '8', task: 0 }, { arrayJobId: '8', task: 1 }]);
    expect(records.map((r) => `${r.arrayJobId}_${r.task}:${r.state}:${String(r.exitCode)}:${String(r.attempt)}`)).toEqual(['7_0:COMPLETED:0:1', '8_0:RUNNING:0:1', '8_1:FAILED:3:2']);
    expect(calls.map((c) => c.argv.join(' '))).toEqual(['squeue -h -r -t all --jobs=7,8 -O JobArrayID:|,State:|,exit_code:|,RestartCnt:|,Reason:|']);
  });

  it('asks sacct only for the tasks the controller has forgotten', async () => {
    const { runner, calls } = scripted({ squeue: [ok('8_0|RUNNING|0|0|None|\n')], sacct: [ok('7_0|COMPLETED|0:0|None\n')] });
    const commands = createSlurmCommands({ runner, clock: fakeClock(), env: {} });
    const records = await commands.query([{ arrayJobId: '7', task: 0 }, { arrayJobId: '8', task: 0 }]);
    expect(records.map((r) => `${r.arrayJobId}_${r.task}:${r.state}`).sort()).toEqual(['7_0:COMPLETED', '8_0:RUNNING']);
    expect(calls.map((c) => c.argv.join(' '))).toEqual([
      'squeue -h -r -t all --jobs=7,8 -O JobArrayID:|,State:|,exit_code:|,RestartCnt:|,Reason:|',
      'sacct -n -P -X -D --format=JobID,State,ExitCode,Reason --jobs=7',
    ]);
  });

  it('leaves a forgotten task unknown when accounting is off, and stops asking sacct', async () => {
    const { runner, calls } = scripted({ squeue: [ok('7_1|RUNNING|0|0|None|\n')], sacct: [fail('sacct: error: Slurm accounting storage is disabled')] });
    const warnings: string[] = [];
    const commands = createSlurmCommands({ runner, clock: fakeClock(), env: {}, warn: (m) => warnings.push(m) });
    const tasks = [{ arrayJobId: '7', task: 0 }, { arrayJobId: '7', task: 1 }];
    expect((await commands.query(tasks)).map((r) => `${r.task}:${r.state}`)).toEqual(['1:RUNNING']);
    expect((await commands.query(tasks)).map((r) => `${r.task}:${r.state}`)).toEqual(['1:RUNNING']);
    expect(calls.map((c) => c.argv[0])).toEqual(['squeue', 'sacct', 'squeue']);
    expect(warnings).toEqual([]);
  });

  it('answers a poll from sacct at once when the controller cannot be reached, and asks the controller again next poll', async () => {
    const down = 'squeue: error: Unable to contact slurm controller (connect failure)';
    const { runner, calls } = scripted({ squeue: [fail(down), ok('7_0|COMPLETED|0|0|None|\n')], sacct: [ok('7_0|RUNNING|0:0|None\n')] });
    const warnings: string[] = [];
    const commands = createSlurmCommands({ runner, clock: fakeClock(), env: {}, warn: (m) => warnings.push(m) });
    const first = await commands.query([{ arrayJobId: '7', task: 0 }]);
    expect(first.map((r) => r.state)).toEqual(['RUNNING']);
    const second = await commands.query([{ arrayJobId: '7', task: 0 }]);
    expect(second.map((r) => r.state)).toEqual(['COMPLETED']);
    // squeue is not retried while sacct stands behind it
    expect(calls.map((c) => c.argv[0])).toEqual(['squeue', 'sacct', 'squeue']);
    expect(warnings).toEqual([expect.stringMatching(/^squeue failed \(.*connect failure\)\); asking sacct instead/)]);
  });

  it('keeps what the controller answered when sacct cannot reach slurmdbd, and asks sacct again next poll', async () => {
    const refused = 'sacct: error: slurm_persist_conn_open_without_init: failed to open persistent connection to host:127.0.0.1:6819: Connection refused';
    const { runner, calls } = scripted({ squeue: [ok('7_1|RUNNING|0|0|None|\n')], sacct: [fail(refused), ok('7_0|COMPLETED|0:0|None\n')] });
    const commands = createSlurmCommands({ runner, clock: fakeClock(), env: {}, warn: () => undefined });
    const tasks = [{ arrayJobId: '7', task: 0 }, { arrayJobId: '7', task: 1 }];
    expect((await commands.query(tasks)).map((r) => `${r.task}:${r.state}`)).toEqual(['1:RUNNING']);
    expect((await commands.query(tasks)).map((r) => `${r.task}:${r.state}`).sort()).toEqual(['0:COMPLETED', '1:RUNNING']);
    expect(calls.map((c) => c.argv[0])).toEqual(['squeue', 'sacct', 'squeue', 'sacct']);
  });

  it('asks the sources in the order given, falling back from a failing sacct to the controller', async () => {
    const refused = 'sacct: error: slurm_persist_conn_open_without_init: failed to open persistent connection to host:127.0.0.1:6819: Connection refused';
    const { runner, calls } = scripted({ sacct: [fail(refused)], squeue: [ok('7_0|COMPLETED|0|0|None|\n')] });
    const warnings: string[] = [];
    const commands = createSchedulerCommands(slurmScheduler, { runner, clock: fakeClock(), env: {}, sources: ['sacct', 'squeue'], warn: (m) => warnings.push(m) });
    expect((await commands.query([{ arrayJobId: '7', task: 0 }])).map((r) => r.state)).toEqual(['COMPLETED']);
    expect(calls.map((c) => c.argv[0])).toEqual(['sacct', 'squeue']);
    expect(warnings).toEqual([expect.stringMatching(/^sacct failed \(.*Connection refused\); asking squeue instead/)]);
  });

  it('drops inherited SLURM job variables but keeps SLURM_CONF', async () => {
    const { runner, calls } = scripted({ scancel: [ok('')] });
    const commands = createSlurmCommands({ runner, clock: fakeClock(), env: { SLURM_CONF: '/c/slurm.conf', SLURM_JOB_ID: '3', SLURM_CPUS_PER_TASK: '8', SBATCH_PARTITION: 'x', SRUN_DEBUG: '1', PATH: '/bin' } });
    await commands.cancel(['7', '8']);
    expect(calls[0]?.env).toEqual({ SLURM_CONF: '/c/slurm.conf', PATH: '/bin' });
    expect(calls[0]?.argv).toEqual(['scancel', '7', '8']);
  });
});
