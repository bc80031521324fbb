import type { DictKey } from './types.js';

/**
 * Where each key of a dict being parsed sits in its entries, by Python's `==`
 * (`1`, `1.0` and `true` are one key; NaN equals nothing, not even itself).
 * One hash lookup per key keeps a dict linear in its size: comparing every new
 * key with every earlier one made a 50,000-key dict take 16 s.
 */
export class DictKeyIndex {
  // Numbers by value: a safe integer or non-integral float as a number, a larger integer as a bigint.
  private readonly numbers = new KeyPositions<number | bigint>(hashNumber);
  private readonly unquoted = new KeyPositions<string>(hashString);
  private readonly singleQuoted = new KeyPositions<string>(hashString);
  private readonly doubleQuoted = new KeyPositions<string>(hashString);
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

const EMPTY = -1;

/**
 * First positions of keys compared with `===` (never NaN here), in an open-addressing
 * table of typed arrays: V8's Map and Set allocate per entry and cost several times more
 * per insert on large dicts, which was most of the parse time of a 50,000-key dict.
 */
class KeyPositions<K> {
  // slots[i]: the index of a key in `keys`, or EMPTY. Kept at most half full.
  private slots = new Int32Array(16).fill(EMPTY);
  private hashes = new Int32Array(8);
  private positions = new Int32Array(8);
  private readonly keys: K[] = [];

  constructor(private readonly hash: (key: K) => number) {}

  claim(key: K, position: number): number {
    const h = this.hash(key);
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (let at = this.slots[i] as number; at !== EMPTY; at = this.slots[i] as number) {
      if (this.hashes[at] === h && this.keys[at] === key) return this.positions[at] as number;
      i = (i + 1) & mask;
    }
    const at = this.keys.length;
    if (at === this.hashes.length) this.grow();
    this.keys.push(key);
    this.hashes[at] = h;
    this.positions[at] = position;
    this.slots[this.slotFor(h)] = at;
    return position;
  }

  /** A free slot for hash `h` (linear probing). */
  private slotFor(h: number): number {
    const mask = this.slots.length - 1;
    let i = h & mask;
    while (this.slots[i] !== EMPTY) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const size = this.hashes.length * 2;
    const hashes = new Int32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const positions = new Int32Array(size);
    positions.set(this.positions);
    this.positions = positions;
    this.slots = new Int32Array(size * 2).fill(EMPTY);
    for (let at = 0; at < this.keys.length; at++) this.slots[this.slotFor(this.hashes[at] as number)] = at;
  }
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
