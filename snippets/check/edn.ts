/**
 * Just enough EDN (Clojure's data notation) to read one event of a Jepsen history per line, as
 * Jepsen's `history.edn` and Porcupine's kv test files write them:
 *   {:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}
 * Maps, vectors, lists, sets, strings, numbers, nil, true, false, keywords and tagged values. A
 * keyword becomes its name as a string (`:invoke` → "invoke"), maps become objects with those names
 * as keys, lists, vectors and sets become arrays, a tagged value (`#inst "…"`) is its value. Commas
 * are whitespace. Anything else (symbols, characters) is refused with a message that says where.
 */
import type { Json } from './jepsen-history.ts';
import { shown } from './shown.ts';

export class EdnError extends Error {
  override name = 'EdnError';
}

export function parseEdn(source: string): Json {
  const reader = new Reader(source);
  const value = reader.value();
  reader.skipSpace();
  if (!reader.done()) throw new EdnError(`unexpected ${JSON.stringify(source.slice(reader.at, reader.at + 10))} after the value, at column ${reader.at + 1}`);
  return value;
}

const delimiters = new Set([' ', '\t', '\r', '\n', ',', '{', '}', '[', ']', '(', ')', '"']);

class Reader {
  at = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  done(): boolean {
    return this.at >= this.#text.length;
  }

  skipSpace(): void {
    while (!this.done() && /[\s,]/.test(this.#text[this.at]!)) this.at++;
  }

  value(): Json {
    this.skipSpace();
    if (this.done()) throw new EdnError('the line ends where a value should be');
    const c = this.#text[this.at]!;
    if (c === '{') return this.#map();
    if (c === '[') return this.#sequence(']');
    if (c === '(') return this.#sequence(')');
    if (c === '"') return this.#string();
    if (c === '#') {
      this.at++;
      if (this.#text[this.at] === '{') return this.#sequence('}');
      this.#token();
      return this.value();
    }
    const token = this.#token();
    if (token.startsWith(':') && token.length > 1) return token.slice(1);
    if (token === 'nil') return null;
    if (token === 'true') return true;
    if (token === 'false') return false;
    // EDN: an integer may end in N (arbitrary precision), a number in M (exact decimal); never both.
    if (/^[+-]?\d+(N|(\.\d+)?([eE][+-]?\d+)?M?)$/.test(token)) return Number(token.replace(/[NM]$/, ''));
    throw new EdnError(`cannot read ${JSON.stringify(token)} at column ${this.at - token.length + 1} (expected a map, vector, string, number, keyword, nil, true or false)`);
  }

  #token(): string {
    const start = this.at;
    while (!this.done() && !delimiters.has(this.#text[this.at]!)) this.at++;
    if (this.at === start) throw new EdnError(`unexpected ${JSON.stringify(this.#text[this.at])} at column ${this.at + 1}`);
    return this.#text.slice(start, this.at);
  }

  #map(): Json {
    this.at++;
    const map: Record<string, Json> = {};
    for (;;) {
      this.skipSpace();
      if (this.done()) throw new EdnError('the line ends inside a map: a "}" is missing');
      if (this.#text[this.at] === '}') {
        this.at++;
        return map;
      }
      const key = this.value();
      if (typeof key !== 'string' && typeof key !== 'number') throw new EdnError(`a map key must be a keyword, string or number, got ${shown(key)}`);
      map[String(key)] = this.value();
    }
  }

  #sequence(close: string): Json {
    this.at++;
    const items: Json[] = [];
    for (;;) {
      this.skipSpace();
      if (this.done()) throw new EdnError(`the line ends inside a list: a "${close}" is missing`);
      if (this.#text[this.at] === close) {
        this.at++;
        return items;
      }
      items.push(this.value());
    }
  }

  #string(): string {
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
    let out = '';
    for (this.at++; ; this.at++) {
      if (this.done()) throw new EdnError('the line ends inside a string: a closing quote is missing');
      const c = this.#text[this.at]!;
      if (c === '"') {
        this.at++;
        return out;
      }
      if (c === '\\') {
        const e = this.#text[++this.at];
        if (e === undefined || !(e in escapes)) throw new EdnError(`unknown escape \\${e ?? ''} in a string at column ${this.at}`);
        out += escapes[e]!;
      } else {
        out += c;
      }
    }
  }
}
