/**
 * Price / volume / mix (functions.md "Price / volume / mix", PLAN.PVM).
 *
 * With TAP = ΣTP·TV / ΣTV the target's average price:
 *   price = Σ (AP − TP)·AV,  volume = (ΣAV − ΣTV)·TAP,  mix = ΣTP·AV − ΣAV·TAP,
 * which add up to the total revenue variance ΣAP·AV − ΣTP·TV (up to floating-point rounding).
 */
import { excelError, type ErrorValue } from "./errors";
import { finiteResult } from "./phasing";

/** PLAN.PVM's 1×3 answer: price, volume and mix effect. */
export type PvmEffects = [price: number, volume: number, mix: number];

/** PLAN.PVM: [price, volume, mix] effects; arrays of different lengths → #VALUE!, ΣTV = 0 → #DIV/0!. */
export function pvm(
  actualPrice: readonly number[],
  actualVolume: readonly number[],
  targetPrice: readonly number[],
  targetVolume: readonly number[],
): PvmEffects | ErrorValue {
  const n = actualPrice.length;
  if (actualVolume.length !== n || targetPrice.length !== n || targetVolume.length !== n) {
    return excelError("#VALUE!", "finance.pvmShape");
  }
  let sumTV = 0;
  let sumTPTV = 0;
  let sumAV = 0;
  let sumTPAV = 0;
  let price = 0;
  for (let i = 0; i < n; i++) {
    const ap = actualPrice[i]!;
    const av = actualVolume[i]!;
    const tp = targetPrice[i]!;
    const tv = targetVolume[i]!;
    sumTV += tv;
    sumTPTV += tp * tv;
    sumAV += av;
    sumTPAV += tp * av;
    price += (ap - tp) * av;
  }
  if (sumTV === 0) return excelError("#DIV/0!", "finance.pvmZeroVolume");
  const tap = sumTPTV / sumTV;
  const out: number[] = [];
  for (const x of [price, (sumAV - sumTV) * tap, sumTPAV - sumAV * tap]) {
    const r = finiteResult(x);
    if (typeof r !== "number") return r;
    out.push(r);
  }
  return out as PvmEffects;
}
