import type { DictKey } from './types.js';

/**
 * Where each key of a dict being parsed sits in its entries, by Python's `==`
 * (`1`, `1.0` and `true` are one key; NaN equals nothing, not even itself).
 * One hash lookup per key keeps a dict linear in its size: comparing every new
 * key with every earlier one made a 50,000-key dict take 16 s.
 */
export class DictKeyIndex {
  // Numbers by value: a safe integer or non-integral float as a number, a larger integer as a bigint.
  private readonly numbers = new KeyPositions<number | bigint>();
  private readonly unquoted = new KeyPositions<string>();
  private readonly singleQuoted = new KeyPositions<string>();
  private readonly doubleQuoted = new KeyPositions<string>();
  private nullAt = -1;

  /** The position of an equal key seen before; else records `key` at `position` and returns `position`. */
  positionOf(key: DictKey, position: number): number {
    switch (key.kind) {
      case 'null':
        if (this.nullAt < 0) this.nullAt = position;
        return this.nullAt;
      case 'bool':
        return this.numbers.claim(key.value ? 1 : 0, position);
      case 'int': {
        const n = Number(key.value);
        return this.numbers.claim(Number.isSafeInteger(n) ? n : key.value, position);
      }
      case 'float':
        if (Number.isNaN(key.value)) return position;
        return this.numbers.claim(Number.isInteger(key.value) && !Number.isSafeInteger(key.value) ? BigInt(key.value) : key.value, position);
      case 'string': {
        const positions = key.quote === null ? this.unquoted : key.quote === "'" ? this.singleQuoted : this.doubleQuoted;
        return positions.claim(key.value, position);
      }
    }
  }
}

/**
 * First positions of keys compared with SameValueZero. Repeated keys are rare, so
 * until the first one a Set (one hash operation per key) and a list of positions in
 * the Set's order are kept; the first repeat turns them into a Map.
 */
class KeyPositions<K> {
  private readonly seen = new Set<K>();
  private readonly order: number[] = [];
  private positions: Map<K, number> | null = null;

  claim(key: K, position: number): number {
    if (this.positions === null) {
      const size = this.seen.size;
      this.seen.add(key);
      if (this.seen.size > size) {
        this.order.push(position);
        return position;
      }
      this.positions = new Map();
      let i = 0;
      for (const k of this.seen) this.positions.set(k, this.order[i++] as number);
    }
    const seen = this.positions.get(key);
    if (seen !== undefined) return seen;
    this.positions.set(key, position);
    return position;
  }
}
