import { isAbsolute, resolve } from 'node:path';
import { isConfigObject } from '../config/config-tree.js';
import type { ConfigNode } from '../config/config-tree.js';
import { closestNames } from './closest-names.js';
import { TaskDefinitionError, UnknownTaskError } from './cli-errors.js';

/** What a task runs: a command (argv, never through a shell) or a module job. */
export type TaskJob =
  | { readonly kind: 'command'; readonly command: readonly string[] }
  | { readonly kind: 'module'; readonly module: string; readonly export: string };

/** A task the project declares in its primary config's `tasks:` map. */
export interface Task {
  readonly name: string;
  readonly description: string | null;
  readonly job: TaskJob;
}

/** The names of the tasks a `tasks:` node declares, in file order. */
export function listTasks(tasks: ConfigNode | undefined): string[] {
  return isConfigObject(tasks) ? Object.keys(tasks) : [];
}

/**
 * Looks a task up by the words typed (`['diagnose', 'dashboard']` is `diagnose dashboard`).
 * Module paths are resolved against `projectDir` (the folder that holds the config folder),
 * so a task runs the same from any working directory.
 */
export function findTask(tasks: ConfigNode | undefined, words: readonly string[], projectDir: string): Task {
  const name = words.join(' ');
  const known = listTasks(tasks);
  const node = isConfigObject(tasks) ? tasks[name] : undefined;
  if (node === undefined) throw new UnknownTaskError(name, known, closestNames(name, known));
  return readTask(name, node, projectDir);
}

function readTask(name: string, node: ConfigNode, projectDir: string): Task {
  const where = `tasks.'${name}'`;
  if (typeof node === 'string') return { name, description: null, job: { kind: 'module', module: absolute(node, projectDir), export: 'default' } };
  if (Array.isArray(node)) return { name, description: null, job: { kind: 'command', command: argvOf(node, where) } };
  if (!isConfigObject(node)) throw new TaskDefinitionError(`${where} must be a module path, an argv list or a mapping with 'module' or 'command'; got ${JSON.stringify(node)}.`);
  const description = typeof node['description'] === 'string' ? node['description'] : null;
  if (typeof node['module'] === 'string') {
    const exportName = typeof node['export'] === 'string' ? node['export'] : 'default';
    return { name, description, job: { kind: 'module', module: absolute(node['module'], projectDir), export: exportName } };
  }
  if (Array.isArray(node['command'])) return { name, description, job: { kind: 'command', command: argvOf(node['command'], `${where}.command`) } };
  throw new TaskDefinitionError(`${where} has neither 'module' (a path) nor 'command' (an argv list). Add one, e.g. module: tasks/${name.replace(/ /g, '-')}.mjs`);
}

function argvOf(list: readonly ConfigNode[], where: string): string[] {
  if (list.length === 0) throw new TaskDefinitionError(`${where} is an empty command: give the program and its arguments as a list.`);
  return list.map((item, i) => {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw new TaskDefinitionError(`${where}[${i}] must be a string, got ${JSON.stringify(item)}.`);
  });
}

function absolute(path: string, projectDir: string): string {
  return isAbsolute(path) ? path : resolve(projectDir, path);
}
