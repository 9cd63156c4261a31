/** SMART validation (smart.md): findings, the row-local rules shared with PLAN.SMART, and whole-plan validation. */
export * from "./findings";
export * from "./words";
export * from "./row";
export * from "./validate";
