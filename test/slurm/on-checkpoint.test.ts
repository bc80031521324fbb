import { describe, expect, it } from 'vitest';
import { CHECKPOINT_EXIT_CODE, onCheckpoint, slurmAttempt } from '../../src/launchers/slurm/on-checkpoint.js';

describe('onCheckpoint', () => {
  it('runs the hook when the checkpoint signal arrives, then exits with the requeue code', async () => {
    const order: string[] = [];
    const exited = new Promise<number>((resolve) => {
      onCheckpoint(
        async () => {
          await new Promise((r) => setTimeout(r, 5));
          order.push('hook done');
        },
        { env: { SPECTRAMIND_SLURM_SIGNAL: 'USR1' }, exit: resolve },
      );
    });
    process.kill(process.pid, 'SIGUSR1');
    expect(await exited).toBe(CHECKPOINT_EXIT_CODE);
    expect(order).toEqual(['hook done']);
  });

  it('reports a throwing hook and still exits for the requeue', async () => {
    const reported: unknown[] = [];
    const exited = new Promise<number>((resolve) => {
      onCheckpoint(() => {
        throw new Error('disk full');
      }, { env: { SPECTRAMIND_SLURM_SIGNAL: 'USR2' }, exit: resolve, onError: (error) => reported.push(error) });
    });
    process.kill(process.pid, 'SIGUSR2');
    expect(await exited).toBe(CHECKPOINT_EXIT_CODE);
    expect(reported).toEqual([new Error('disk full')]);
  });

  it('stops listening once removed', () => {
    const before = process.listenerCount('SIGHUP');
    const remove = onCheckpoint(() => undefined, { env: { SPECTRAMIND_SLURM_SIGNAL: 'HUP' }, exit: () => undefined });
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    remove();
    expect(process.listenerCount('SIGHUP')).toBe(before);
  });
});

describe('slurmAttempt', () => {
  it.each([
    ['a first run', {}, 1],
    ['after one requeue', { SLURM_RESTART_COUNT: '1' }, 2],
    ['a garbled count', { SLURM_RESTART_COUNT: 'x' }, 1],
  ])('is right for %s', (_name, env, expected) => {
    expect(slurmAttempt(env)).toBe(expected);
  });
});
