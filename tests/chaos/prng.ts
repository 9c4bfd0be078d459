/** A small seeded PRNG (sfc32) for repeatable chaos schedules: same seed, same decisions. */

export type Prng = {
  /** Uniform in [0, 1). */
  next: () => number;
  /** Integer in [0, n). */
  int: (n: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** Picks a key by weight; weights of 0 are never picked. */
  weighted: <K extends string>(weights: Readonly<Record<K, number>>) => K;
  /** A UUID v4 made from the stream (op and device ids that repeat with the seed). */
  uuid: () => string;
  /** An independent stream derived from this one. */
  fork: () => Prng;
};

export function createPrng(seed: number): Prng {
  // sfc32, seeded through splitmix32 so nearby seeds give unrelated streams.
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const u32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();

  const prng: Prng = {
    next: () => u32() / 2 ** 32,
    int: (n) => Math.floor(prng.next() * n),
    chance: (p) => prng.next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[prng.int(items.length)] as (typeof items)[number];
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let r = prng.next() * total;
      for (const [key, w] of entries) {
        if (w <= 0) continue;
        if (r < w) return key;
        r -= w;
      }
      const last = entries.filter(([, w]) => w > 0).at(-1);
      if (!last) throw new Error('no positive weight');
      return last[0];
    },
    uuid: () => {
      const hex = Array.from({ length: 4 }, () => u32().toString(16).padStart(8, '0')).join('');
      const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
    fork: () => createPrng(u32()),
  };
  return prng;
}
