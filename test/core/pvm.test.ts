import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isError } from "../../src/core/errors";
import { pvm, type PvmEffects } from "../../src/core/pvm";

function code(v: unknown): string | undefined {
  return isError(v) ? v.code : undefined;
}
function effects(v: PvmEffects | ReturnType<typeof pvm>): PvmEffects {
  if (isError(v)) throw new Error(`unexpected ${v.code}`);
  return v;
}

describe("pvm (golden, by hand)", () => {
  it("mix toward the pricier product", () => {
    // target: A 10 × 100, B 40 × 50 → ΣTV = 150, ΣTP·TV = 1000 + 2000 = 3000, TAP = 20
    // actual: A 12 × 80,  B 38 × 100 → ΣAV = 180, ΣAP·AV = 960 + 3800 = 4760; total variance 1760
    // price  = (12 − 10)·80 + (38 − 40)·100 = 160 − 200 = −40
    // volume = (180 − 150)·20 = 600
    // mix    = (10·80 + 40·100) − 180·20 = 4800 − 3600 = 1200;  −40 + 600 + 1200 = 1760
    expect(pvm([12, 38], [80, 100], [10, 40], [100, 50])).toEqual([-40, 600, 1200]);
  });
  it("a non-integer target average price", () => {
    // target: A 10 × 100, B 20 × 50 → ΣTV = 150, ΣTP·TV = 2000, TAP = 40/3
    // actual: A 11 × 90,  B 19 × 80 → ΣAV = 170, ΣAP·AV = 990 + 1520 = 2510; total variance 510
    // price  = 1·90 − 1·80 = 10
    // volume = 20 · 40/3 = 800/3
    // mix    = (900 + 1600) − 170 · 40/3 = 2500 − 6800/3 = 700/3;  10 + 800/3 + 700/3 = 510
    const [p, v, m] = effects(pvm([11, 19], [90, 80], [10, 20], [100, 50]));
    expect(p).toBe(10);
    expect(v).toBeCloseTo(800 / 3, 10);
    expect(m).toBeCloseTo(700 / 3, 10);
    expect(p + v + m).toBeCloseTo(510, 10);
  });
  it("one product has no mix effect", () => {
    // TAP = TP = 5; price (6 − 5)·12 = 12; volume (12 − 10)·5 = 10; mix 5·12 − 12·5 = 0
    expect(pvm([6], [12], [5], [10])).toEqual([12, 10, 0]);
  });
  it("a product sold but not in the target (TV 0) still counts", () => {
    // target: A 10 × 100, B 30 × 0 → ΣTV = 100, TAP = 10
    // actual: A 10 × 100, B 30 × 10 → price 0, volume (110 − 100)·10 = 100, mix (1000 + 300) − 110·10 = 200
    expect(pvm([10, 30], [100, 10], [10, 30], [100, 0])).toEqual([0, 100, 200]);
  });
});

describe("pvm errors", () => {
  it("ranges of different lengths → #VALUE!", () => {
    expect(code(pvm([1, 2], [1, 2], [1, 2], [1]))).toBe("#VALUE!");
    expect(code(pvm([1], [1, 2], [1, 2], [1, 2]))).toBe("#VALUE!");
  });
  it("ΣTV = 0 → #DIV/0! (also with no products); shape first", () => {
    expect(code(pvm([1, 2], [1, 2], [1, 2], [0, 0]))).toBe("#DIV/0!");
    expect(code(pvm([1, 2], [1, 2], [1, 2], [5, -5]))).toBe("#DIV/0!");
    expect(code(pvm([], [], [], []))).toBe("#DIV/0!");
    expect(code(pvm([1, 2], [1, 2], [1], [0, 0]))).toBe("#VALUE!");
  });
  it("an overflowing effect → #NUM!", () => {
    expect(code(pvm([1e308], [1e308], [1], [1]))).toBe("#NUM!");
  });
});

// ---- properties ----
/** Property options: a failing property stops shrinking after 20 s (vitest can't time out a synchronous loop). */
function runs(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, plugins: [fc.interruptAfterTimeLimit(20_000)] };
}
const price = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 1000 }));
const volume = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 10_000 }));
const product = fc.record({ ap: price, av: volume, tp: price, tv: volume });

describe("properties", () => {
  it("price + volume + mix = ΣAP·AV − ΣTP·TV", () => {
    fc.assert(
      fc.property(fc.array(product, { minLength: 1, maxLength: 20 }), (ps) => {
        const ap = ps.map((p) => p.ap);
        const av = ps.map((p) => p.av);
        const tp = ps.map((p) => p.tp);
        const tv = ps.map((p) => p.tv);
        const r = pvm(ap, av, tp, tv);
        const sumTV = tv.reduce((a, b) => a + b, 0);
        if (isError(r)) {
          expect(r.code).toBe(sumTV === 0 ? "#DIV/0!" : "#NUM!");
          return;
        }
        const [p, v, m] = r;
        const total = ps.reduce((acc, x) => acc + x.ap * x.av - x.tp * x.tv, 0);
        // Rounding is relative to the size of the terms that cancel, not to the (possibly tiny) total.
        const tap = ps.reduce((acc, x) => acc + x.tp * x.tv, 0) / sumTV;
        const sumAV = av.reduce((a, b) => a + b, 0);
        const scale =
          ps.reduce((acc, x) => acc + Math.abs(x.ap * x.av) + Math.abs(x.tp * x.av) + Math.abs(x.tp * x.tv), 0) +
          Math.abs(sumAV * tap) +
          Math.abs(sumTV * tap);
        expect(Math.abs(p + v + m - total)).toBeLessThanOrEqual(1e-9 * scale + 1e-300);
      }),
      runs(1000),
    );
  });
  it("never throws for any numeric input", () => {
    const num = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(num), fc.array(num), fc.array(num), fc.array(num), (a, b, c, e) => {
        const r = pvm(a, b, c, e);
        if (!isError(r)) for (const x of r) expect(Number.isFinite(x)).toBe(true);
        // same lengths too
        const n = Math.min(a.length, b.length, c.length, e.length);
        const s = pvm(a.slice(0, n), b.slice(0, n), c.slice(0, n), e.slice(0, n));
        if (!isError(s)) for (const x of s) expect(Number.isFinite(x)).toBe(true);
      }),
      runs(1000),
    );
  });
});
