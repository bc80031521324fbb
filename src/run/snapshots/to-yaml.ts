import { IntegralFloat } from '../../overrides/to-config-value.js';
import { yamlFloat, yamlString } from './yaml-scalar.js';

type Node = { readonly kind: 'map'; readonly entries: ReadonlyArray<readonly [unknown, unknown]> } | { readonly kind: 'seq'; readonly items: readonly unknown[] } | { readonly kind: 'scalar'; readonly text: string };

/**
 * The one YAML writer of every snapshot (`config.yaml`, `overrides.yaml`, `hydra.yaml`,
 * `multirun.yaml`), in OmegaConf.to_yaml's look: block style, 2-space indent, sequences not
 * indented under their key, keys in insertion order, PyYAML's quoting (YAML 1.1 look-alikes such
 * as `'y'`, `'on'`, `'1.0'` quoted), no line folding. Ints (safe-integer numbers, bigints) print as
 * ints; other numbers and `IntegralFloat`s as Python floats (`0.5`, `1.0`, `1.0e-05`, `.inf`);
 * `undefined` entries are left out; a `Map` keeps its order; a `Date` prints as ISO 8601.
 * Hand-written rather than the `yaml` package: snapshots are written for every job, and this is
 * about 20 times faster.
 */
export function toYaml(value: unknown): string {
  const lines: string[] = [];
  const node = classify(value);
  if (node.kind === 'scalar') return `${node.text}\n`;
  emit(node, 0, lines);
  return `${lines.join('\n')}\n`;
}

/** Appends the lines of a non-empty collection at `indent`. */
function emit(node: Exclude<Node, { kind: 'scalar' }>, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (node.kind === 'map') {
    for (const [key, value] of node.entries) {
      const head = `${pad}${scalarText(key)}:`;
      const child = classify(value);
      if (child.kind === 'scalar') lines.push(`${head} ${child.text}`);
      else {
        lines.push(head);
        // PyYAML indents a mapping under its key but not a sequence.
        emit(child, child.kind === 'map' ? indent + 2 : indent, lines);
      }
    }
    return;
  }
  for (const item of node.items) {
    const child = classify(item);
    if (child.kind === 'scalar') {
      lines.push(`${pad}- ${child.text}`);
      continue;
    }
    // The item's first line shares the dash's line: `- a: 1` / `- - 1`.
    const start = lines.length;
    emit(child, indent + 2, lines);
    lines[start] = `${pad}- ${lines[start]!.slice(indent + 2)}`;
  }
}

function classify(value: unknown): Node {
  switch (typeof value) {
    case 'string':
      return { kind: 'scalar', text: yamlString(value) };
    case 'number':
      // Ints beyond 2^53 arrive as bigints (see ConfigValue), so an unsafe integral number is a float.
      return { kind: 'scalar', text: Number.isSafeInteger(value) ? String(value) : yamlFloat(value) };
    case 'bigint':
    case 'boolean':
      return { kind: 'scalar', text: String(value) };
    case 'object':
      return value === null ? { kind: 'scalar', text: 'null' } : classifyObject(value);
    default:
      return { kind: 'scalar', text: 'null' };
  }
}

function classifyObject(value: object): Node {
  if (value instanceof IntegralFloat) return { kind: 'scalar', text: yamlFloat(value.value) };
  if (value instanceof Date) return { kind: 'scalar', text: yamlString(value.toISOString()) };
  if (Array.isArray(value)) return value.length === 0 ? { kind: 'scalar', text: '[]' } : { kind: 'seq', items: value };
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return classify(toJSON.call(value));
  const all = value instanceof Map ? Array.from(value as Map<unknown, unknown>) : Object.entries(value);
  const entries = all.filter(([, item]) => item !== undefined);
  return entries.length === 0 ? { kind: 'scalar', text: '{}' } : { kind: 'map', entries };
}

/** A mapping key: scalars as themselves, anything else as its JSON text (quoted). */
function scalarText(key: unknown): string {
  const node = classify(key);
  return node.kind === 'scalar' ? node.text : yamlString(JSON.stringify(key));
}
