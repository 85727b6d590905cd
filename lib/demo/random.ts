/**
 * The demo's deterministic randomness: everything comes from seeded streams, so the demo looks
 * the same on every run relative to `now`.
 */

/** The stream the demo's story is drawn from. */
export const STORY_SEED = 20_261_124;
/** Ids have their own stream, so adding a row never reshuffles the data. */
export const ID_SEED = 7_331;
/** The monthly QA has its own stream, so the handoffs look the same with or without it. */
export const QA_SEED = STORY_SEED + 6;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  int(min: number, max: number): number {
    return Math.floor(this.float(min, max + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, count));
  }

  /** Roughly normal noise (sum of three uniforms) with the given standard deviation. */
  noise(sd: number): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2 * sd;
  }
}

/** cuid-shaped ids, drawn from their own stream (`ID_SEED`). */
export function idFactory(seed: number): () => string {
  const rng = new Random(seed);
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  return () => {
    let id = "c";
    for (let i = 0; i < 24; i++) id += alphabet[rng.int(0, 35)];
    return id;
  };
}
