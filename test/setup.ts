// Shared test setup. A failing fast-check property shrinks synchronously, which vitest's
// timeout cannot interrupt: cap every property at 20 s and count an interrupted run as a
// failure. fast-check prints the seed and path of any counterexample, so it can be replayed.
import fc from "fast-check";

fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });
