/**
 * A tiny benchmark harness: each benchmark reports figures {name, value, unit}; run.ts prints
 * them as a table, or as one JSON array with --json. Nothing here passes or fails on speed.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export interface Benchmark {
  name: string;
  run: () => Promise<Figure[]> | Figure[];
}

/** Median wall time in milliseconds of `fn` over `runs` runs, after one warm-up run. */
export function medianMs(fn: () => unknown, runs = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A deterministic pseudo-random generator (mulberry32), so runs are comparable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
