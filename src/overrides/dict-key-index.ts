import type { DictKey } from './types.js';

/**
 * Where each key of a dict being parsed sits in its entries, by Python's `==`
 * (`1`, `1.0` and `true` are one key; NaN equals nothing, not even itself).
 * One hash lookup per key keeps a dict linear in its size: comparing every new
 * key with every earlier one made a 50,000-key dict take 16 s.
 *
 * The table holds positions only and reads a key back through `keyAt` when hashes
 * match: a copy of the keys in a growing JS array cost more than the rest of the index
 * (at 50,000 keys each growth is a fresh large-object allocation), and V8's Map and
 * Set allocate per entry and cost several times more per insert still.
 */
export class DictKeyIndex {
  // Open addressing with linear probing, at most half full. Slot i is the pair
  // table[2i] = 1 + a position (0: a free slot, so a new typed array needs no fill) and
  // table[2i + 1] = the hash of the key there: a probe reads one cache line, and keys are
  // only compared when hashes are equal. 8 slots (64 bytes) stay on V8's heap, so the
  // many small dicts of a large value allocate no ArrayBuffer.
  private table: Int32Array = new Int32Array(16);
  private count = 0;
  private nullAt = -1;

  /** @param keyAt the key recorded at a position this index returned for it. */
  constructor(private readonly keyAt: (position: number) => DictKey) {}

  /** The position of an equal key seen before; else records `key` at `position` and returns `position`. */
  positionOf(key: DictKey, position: number): number {
    if (key.kind === 'null') {
      if (this.nullAt < 0) this.nullAt = position;
      return this.nullAt;
    }
    const value = comparableValue(key);
    // NaN (the only value not equal to itself) equals no key.
    if (value !== value) return position;
    const h = typeof value === 'string' ? hashString(value) : hashNumber(value);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let i = h & mask;
    for (let at = table[2 * i] as number; at !== 0; at = table[2 * i] as number) {
      if (table[2 * i + 1] === h && sameKey(key, value, this.keyAt(at - 1))) return at - 1;
      i = (i + 1) & mask;
    }
    table[2 * i] = position + 1;
    table[2 * i + 1] = h;
    if (++this.count > mask >> 1) this.grow();
    return position;
  }

  /** Doubles the slots, rehashed from the hashes the old slots hold. */
  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = old.length - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s] === 0) continue;
      const h = old[s + 1] as number;
      let i = h & mask;
      while (table[2 * i] !== 0) i = (i + 1) & mask;
      table[2 * i] = old[s] as number;
      table[2 * i + 1] = h;
    }
    this.table = table;
  }
}

/**
 * What a non-null key is compared by within its class (see {@link sameKey}): numbers by
 * value, a safe integer or non-integral float as a number and a larger integer as a
 * bigint (so `2**60` and `2.0**60` meet); a string by its text.
 */
function comparableValue(key: Exclude<DictKey, { kind: 'null' }>): number | bigint | string {
  switch (key.kind) {
    case 'bool':
      return key.value ? 1 : 0;
    case 'int': {
      const n = Number(key.value);
      return Number.isSafeInteger(n) ? n : key.value;
    }
    case 'float':
      return Number.isInteger(key.value) && !Number.isSafeInteger(key.value) ? BigInt(key.value) : key.value;
    case 'string':
      return key.value;
  }
}

/** Python's `==` between a key (whose comparable value is `value`) and a recorded key: same class, same value. */
function sameKey(key: DictKey, value: number | bigint | string, recorded: DictKey): boolean {
  // Unquoted, single- and double-quoted strings are three classes (Hydra keeps their quotes).
  if (key.kind === 'string') return recorded.kind === 'string' && recorded.quote === key.quote && recorded.value === key.value;
  if (recorded.kind === 'string' || recorded.kind === 'null') return false;
  return comparableValue(recorded) === value;
}

/** FNV-1a over the UTF-16 code units, then mixed: FNV's low bits alone cluster under linear probing. */
function hashString(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** MurmurHash3's 32-bit finaliser: every input bit reaches the low bits the table uses. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Equal numbers hash alike (`0` and `-0` included); a fraction by its digits, a bigint too. */
function hashNumber(key: number | bigint): number {
  if (typeof key === 'number' && (key | 0) === key) return mix(key);
  return hashString(key.toString());
}
