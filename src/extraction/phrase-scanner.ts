/**
 * A token trie over names (places, actor aliases, weapon terms): finds every longest non-overlapping
 * occurrence in a sentence in one pass. Names and text go through the same keying — punctuation dropped,
 * runs of single letters joined ("D.I. Khan" → "di khan") — whatever the data's own normalisation.
 */
import { normalizeForMatching } from "./normalize-text.ts";
import { tokenize, type Token } from "./tokenize.ts";

/** A word key of the token stream, pointing back at the tokens it came from. */
export interface KeyToken {
  key: string;
  /** Token index range [from, to) in the sentence's tokens. */
  from: number;
  to: number;
}

/** Word keys of a token list: punctuation dropped, single letters joined ("d . i ." → "di"). */
export function keyTokens(tokens: readonly Token[]): KeyToken[] {
  const keys: KeyToken[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!t.isWord) {
      i++;
      continue;
    }
    if (t.norm.length === 1 && !t.isNumber) {
      let j = i;
      let run = "";
      let last = i;
      while (j < tokens.length) {
        const u = tokens[j]!;
        if (u.isWord && u.norm.length === 1 && !u.isNumber) {
          run += u.norm;
          last = j;
          j++;
        } else if (u.norm === "." || u.norm === "-") j++;
        else break;
      }
      keys.push({ key: run, from: i, to: last + 1 });
      i = last + 1;
      continue;
    }
    keys.push({ key: t.norm, from: i, to: i + 1 });
    i++;
  }
  return keys;
}

/** Keys of a name as written in data files. */
export function nameKeys(name: string): string[] {
  const normalized = normalizeForMatching(name);
  return keyTokens(tokenize(normalized)).map((k) => k.key);
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  values: T[] | undefined;
  name: string | undefined;
}

export interface PhraseMatch<T> {
  values: T[];
  name: string;
  /** Token index range [from, to) in the sentence's tokens. */
  from: number;
  to: number;
}

/** Longest-match scanner over a fixed set of names. */
export class PhraseScanner<T> {
  private readonly root: TrieNode<T> = { next: new Map(), values: undefined, name: undefined };

  constructor(entries: Iterable<readonly [string, T | readonly T[]]>) {
    for (const [name, value] of entries) {
      const keys = nameKeys(name);
      if (keys.length === 0) continue;
      let node = this.root;
      for (const key of keys) {
        let child = node.next.get(key);
        if (child === undefined) {
          child = { next: new Map(), values: undefined, name: undefined };
          node.next.set(key, child);
        }
        node = child;
      }
      const list = Array.isArray(value) ? (value as readonly T[]) : [value as T];
      node.values = [...(node.values ?? []), ...list.filter((v) => !(node.values ?? []).includes(v))];
      node.name ??= name;
    }
  }

  /** Every longest, non-overlapping match in the keyed tokens. */
  scan(keys: readonly KeyToken[]): Array<PhraseMatch<T>> {
    const matches: Array<PhraseMatch<T>> = [];
    let i = 0;
    while (i < keys.length) {
      let node: TrieNode<T> | undefined = this.root;
      let bestEnd = -1;
      let bestNode: TrieNode<T> | undefined;
      for (let j = i; j < keys.length; j++) {
        node = node.next.get(keys[j]!.key);
        if (node === undefined) break;
        if (node.values !== undefined) {
          bestEnd = j;
          bestNode = node;
        }
      }
      if (bestNode === undefined) {
        i++;
        continue;
      }
      matches.push({ values: bestNode.values!, name: bestNode.name!, from: keys[i]!.from, to: keys[bestEnd]!.to });
      i = bestEnd + 1;
    }
    return matches;
  }
}
