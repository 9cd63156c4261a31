/**
 * PLAN.* through the custom-function wrapper that Excel calls, against a bare loop.
 * functions.variance.overhead: PLAN.VARIANCE over a 1000 × 1000 range ÷ a bare subtraction loop (aim ≤ 2).
 * functions.prorate.ns: PLAN.PRORATE with a 12-month profile, per call, over 100,000 goals.
 */
import { type Benchmark, medianMs, rng } from "./harness";

// Outside Excel the runtime's CustomFunctions global is missing; the wrappers only need its Error class.
(globalThis as Record<string, unknown>).CustomFunctions ??= { Error: class { constructor(readonly code: string, readonly message?: string) {} } };

export const functionsBenchmarks: Benchmark[] = [
  {
    name: "functions",
    run: async () => {
      const fns = await import("../src/functions/functions");
      const rand = rng(42);
      const N = 1000;
      const actual = Array.from({ length: N }, () => Array.from({ length: N }, () => Math.round(rand() * 1e6) / 100));
      const target = Array.from({ length: N }, () => Array.from({ length: N }, () => Math.round(rand() * 1e6) / 100));
      const bare = medianMs(() => {
        const out: number[][] = new Array(N);
        for (let r = 0; r < N; r++) {
          const a = actual[r]!;
          const t = target[r]!;
          const row: number[] = new Array(N);
          for (let c = 0; c < N; c++) row[c] = a[c]! - t[c]!;
          out[r] = row;
        }
        return out;
      });
      const wrapped = medianMs(() => fns.variance(actual, target, null as never));

      const goals = 100_000;
      const profile = [[8, 7, 9, 8, 8, 9, 8, 8, 9, 9, 8, 9]];
      const starts = Array.from({ length: goals }, () => 45658 + Math.floor(rand() * 700));
      const ends = starts.map((s) => s + 30 + Math.floor(rand() * 700));
      const prorateMs = medianMs(() => {
        let sum = 0;
        for (let i = 0; i < goals; i++) sum += fns.prorate(1_000_000, starts[i], ends[i], 46204, 46295, profile);
        return sum;
      }, 3);
      return [
        { name: "functions.variance.ms", value: wrapped, unit: "ms", note: "PLAN.VARIANCE wrapper, 1,000,000 cells" },
        { name: "functions.variance.bare.ms", value: bare, unit: "ms", note: "bare subtraction loop, 1,000,000 cells" },
        { name: "functions.variance.overhead", value: wrapped / bare, unit: "ratio", note: "aim ≤ 2" },
        { name: "functions.prorate.ns", value: (prorateMs * 1e6) / goals, unit: "ns/call", note: "12-month profile, 100,000 goals" },
      ];
    },
  },
];
