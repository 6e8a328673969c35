/**
 * The set of visited states' 53-bit fingerprints, in two typed arrays with open addressing: a million
 * states take 16 MB and no garbage, where a Set of numbers boxes each one.
 */
export class FingerprintSet {
  #low = new Uint32Array(1 << 16);
  /** The high 21 bits plus one, so 0 marks an empty slot. */
  #high = new Uint32Array(1 << 16);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds `fingerprint`; false if it was there already. */
  add(fingerprint: number): boolean {
    if ((this.#size + 1) * 2 > this.#low.length) this.#grow();
    const low = fingerprint >>> 0;
    const high = Math.floor(fingerprint / 0x1_0000_0000) + 1;
    const mask = this.#low.length - 1;
    for (let i = Math.imul(low ^ high, 0x9e3779b1) >>> 0 & mask; ; i = (i + 1) & mask) {
      if (this.#high[i] === 0) {
        this.#low[i] = low;
        this.#high[i] = high;
        this.#size++;
        return true;
      }
      if (this.#low[i] === low && this.#high[i] === high) return false;
    }
  }

  #grow(): void {
    const [low, high] = [this.#low, this.#high];
    this.#low = new Uint32Array(low.length * 2);
    this.#high = new Uint32Array(high.length * 2);
    this.#size = 0;
    for (let i = 0; i < low.length; i++) if (high[i] !== 0) this.add((high[i]! - 1) * 0x1_0000_0000 + low[i]!);
  }
}
