/**
 * Blocking: which pairs are compared at all. Each rule puts records with equal keys in
 * one block; rules are OR-ed, and a pair found by an earlier rule is not emitted again
 * (checked by re-testing the earlier rules' keys, as Splink does, so no set of pairs is
 * held in memory). Counts per rule are known before any pair is made, and blocks larger
 * than `maxBlockSize` are refused rather than silently exploding.
 */
import { doubleMetaphone } from './compare/index.ts';
import { parsePostcode } from './compare/index.ts';
import type { Records } from './records.ts';
import type { BlockingRule, LinkageSettings } from './settings.ts';

type Transform = NonNullable<BlockingRule['keys'][number]['transform']>;

const TRANSFORMS: Record<Transform, (value: string) => string | undefined> = {
  exact: (v) => v,
  'first-3': (v) => (v.length >= 3 ? v.slice(0, 3) : v),
  'first-1': (v) => v.slice(0, 1),
  metaphone: (v) => doubleMetaphone(v)[0] || undefined,
  year: (v) => v.slice(0, 4),
  'year-month': (v) => v.slice(0, 7),
  'postcode-sector': (v) => parsePostcode(v)?.sector,
  'postcode-district': (v) => parsePostcode(v)?.district,
  // The part before the @: the same person's address at another provider, or typed with a slip in the domain.
  'email-local': (v) => {
    const at = v.lastIndexOf('@');
    return at > 0 ? v.slice(0, at) : undefined;
  },
  'digits-last-4': (v) => {
    const digits = v.replace(/\D/g, '');
    return digits.length >= 4 ? digits.slice(-4) : undefined;
  },
};

export function ruleName(rule: BlockingRule): string {
  const part = (k: BlockingRule['keys'][number]) => {
    const column = k.withColumn ? `{${k.column}, ${k.withColumn}}` : k.column;
    return k.transform && k.transform !== 'exact' ? `${k.transform}(${column})` : column;
  };
  return rule.name ?? rule.keys.map(part).join(' & ');
}

/** Each key part as a function of the record: its transformed value, or undefined when missing. */
function keyParts(records: Records, rule: BlockingRule): ((i: number) => string | undefined)[] {
  return rule.keys.map((key) => {
    const values = records.columns.get(key.column)!;
    const transform = TRANSFORMS[key.transform ?? 'exact'];
    const one = (i: number) => {
      const v = values[i];
      return v == null ? undefined : transform(v);
    };
    if (!key.withColumn) return one;
    // Either order: "JOHN|SMITH" for John Smith and for Smith John (names entered the wrong way round).
    const other = records.columns.get(key.withColumn)!;
    return (i: number) => {
      const a = one(i);
      const w = other[i];
      const b = w == null ? undefined : transform(w);
      return a && b ? (a < b ? `${a}|${b}` : `${b}|${a}`) : undefined;
    };
  });
}

function keyFor(parts: ReturnType<typeof keyParts>, i: number): string | null {
  let key = '';
  for (const part of parts) {
    const transformed = part(i);
    if (transformed === undefined || transformed === '') return null;
    key += `${transformed}\u0001`;
  }
  return key;
}

/** Each record's key for a rule, or null when any part is missing. */
export function blockingKeys(records: Records, rule: BlockingRule): (string | null)[] {
  const parts = keyParts(records, rule);
  const keys: (string | null)[] = new Array(records.count);
  for (let i = 0; i < records.count; i++) keys[i] = keyFor(parts, i);
  return keys;
}

/** One record's key for a rule (the real-time index's query). */
export function blockingKeyOf(records: Records, rule: BlockingRule, i: number): string | null {
  return keyFor(keyParts(records, rule), i);
}

export interface RuleCount {
  rule: string;
  /** Comparisons this rule generates before removing pairs earlier rules found. */
  comparisons: number;
  largestBlock: number;
}

export interface BlockedPairs {
  left: Int32Array;
  right: Int32Array;
  /** Index of the rule that first found each pair. */
  rule: Uint8Array;
  count: number;
  perRule: (RuleCount & { emitted: number })[];
}

function isWanted(settings: LinkageSettings, records: Records, i: number, j: number): boolean {
  if (settings.linkType === 'link_and_dedupe') return true;
  const sameSource = records.sourceOf[i] === records.sourceOf[j];
  return settings.linkType === 'link_only' ? !sameSource : true;
}

function groupBlocks(keys: (string | null)[]): Map<string, number[]> {
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key == null) continue;
    const block = blocks.get(key);
    if (block) block.push(i);
    else blocks.set(key, [i]);
  }
  return blocks;
}

/** Comparisons each rule would generate: cheap, run before blocking to show the user. */
export function countComparisons(records: Records, settings: LinkageSettings): RuleCount[] {
  return settings.blockingRules.map((rule) => {
    let comparisons = 0;
    let largestBlock = 0;
    for (const block of groupBlocks(blockingKeys(records, rule)).values()) {
      comparisons += (block.length * (block.length - 1)) / 2;
      largestBlock = Math.max(largestBlock, block.length);
    }
    return { rule: ruleName(rule), comparisons, largestBlock };
  });
}

class PairBuffer {
  left = new Int32Array(1 << 16);
  right = new Int32Array(1 << 16);
  rule = new Uint8Array(1 << 16);
  count = 0;
  push(i: number, j: number, rule: number) {
    if (this.count === this.left.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.left = grow(this.left);
      this.right = grow(this.right);
      const r = new Uint8Array(this.rule.length * 2);
      r.set(this.rule);
      this.rule = r;
    }
    this.left[this.count] = i;
    this.right[this.count] = j;
    this.rule[this.count] = rule;
    this.count++;
  }
}

/**
 * @example const pairs = blockPairs(records, settings);
 */
/** @param onProgress called after each rule with the comparisons made so far and in all (for a progress bar). */
export function blockPairs(records: Records, settings: LinkageSettings, onProgress?: (done: number, total: number) => void): BlockedPairs {
  const maxBlock = settings.maxBlockSize ?? 5000;
  const allKeys = settings.blockingRules.map((rule) => blockingKeys(records, rule));
  const counts = countComparisons(records, settings);
  const tooLarge = counts.filter((c) => c.largestBlock > maxBlock);
  if (tooLarge.length > 0) {
    throw new RangeError(
      `Blocking rule ${tooLarge.map((c) => `"${c.rule}" makes a block of ${c.largestBlock} records`).join(', ')}, above the limit of ${maxBlock}. ` +
        'Make the rule stricter (add a column), or raise maxBlockSize in the settings.',
    );
  }
  const buffer = new PairBuffer();
  const perRule = counts.map((c) => ({ ...c, emitted: 0 }));
  const total = counts.reduce((t, c) => t + c.comparisons, 0);
  let done = 0;
  allKeys.forEach((keys, r) => {
    if (r > 0) onProgress?.((done += counts[r - 1]!.comparisons), total);
    for (const block of groupBlocks(keys).values()) {
      for (let a = 0; a < block.length; a++) {
        const i = block[a]!;
        for (let b = a + 1; b < block.length; b++) {
          const j = block[b]!;
          if (!isWanted(settings, records, i, j)) continue;
          let seen = false;
          for (let earlier = 0; earlier < r; earlier++) {
            const k = allKeys[earlier]!;
            if (k[i] != null && k[i] === k[j]) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          buffer.push(i, j, r);
          perRule[r]!.emitted++;
        }
      }
    }
  });
  return {
    left: buffer.left.subarray(0, buffer.count),
    right: buffer.right.subarray(0, buffer.count),
    rule: buffer.rule.subarray(0, buffer.count),
    count: buffer.count,
    perRule,
  };
}
