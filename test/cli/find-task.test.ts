import { describe, expect, it } from 'vitest';
import { TaskDefinitionError, UnknownTaskError } from '../../src/cli/cli-errors.js';
import { closestNames } from '../../src/cli/closest-names.js';
import { findTask } from '../../src/cli/find-task.js';

const tasks = {
  train: { module: 'tasks/train.mjs', description: 'Train.' },
  'diagnose dashboard': 'tasks/diagnose-dashboard.mjs',
  lint: ['python', '-m', 'lint', 3],
  broken: { description: 'no job' },
};

describe('findTask', () => {
  it('resolves a module task against the project folder', () => {
    expect(findTask(tasks, ['train'], '/p')).toEqual({ name: 'train', description: 'Train.', job: { kind: 'module', module: '/p/tasks/train.mjs', export: 'default' } });
  });

  it('joins the words of a multi-word task', () => {
    expect(findTask(tasks, ['diagnose', 'dashboard'], '/p').job).toEqual({ kind: 'module', module: '/p/tasks/diagnose-dashboard.mjs', export: 'default' });
  });

  it('reads a list as a command, each item as a string', () => {
    expect(findTask(tasks, ['lint'], '/p').job).toEqual({ kind: 'command', command: ['python', '-m', 'lint', '3'] });
  });

  it('names the closest task and lists the known ones for an unknown task', () => {
    const error = (() => {
      try {
        findTask(tasks, ['trian'], '/p');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(UnknownTaskError);
    expect((error as Error).message).toBe("Unknown task 'trian'. Did you mean 'train'? Known tasks: train, diagnose dashboard, lint, broken.");
  });

  it('says how to declare tasks when the config has none', () => {
    expect(() => findTask(undefined, ['train'], '/p')).toThrow(/declares no tasks: add a `tasks:` map/);
  });

  it('rejects a task with neither module nor command, naming it', () => {
    expect(() => findTask(tasks, ['broken'], '/p')).toThrow(TaskDefinitionError);
    expect(() => findTask(tasks, ['broken'], '/p')).toThrow(/tasks.'broken' has neither 'module'/);
  });
});

describe('closestNames', () => {
  it('finds misspellings, transpositions included, best first', () => {
    expect(closestNames('partiton', ['partition', 'nodes', 'gres', 'qos'])).toEqual(['partition']);
    expect(closestNames('gers', ['gres', 'nodes', 'qos'])).toEqual(['gres']);
  });

  it('finds nothing for a name unlike any known one', () => {
    expect(closestNames('zzzzzzzz', ['partition', 'nodes'])).toEqual([]);
  });
});
