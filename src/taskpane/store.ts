/**
 * Small external stores the pane and the ribbon commands share (one runtime): an action's
 * state (idle, running with progress, done, failed) and the workbook's version (bumped after
 * every action, so views that show the workbook read it again). Kept outside React so a ribbon
 * command can run the same action the pane shows, and a second run while one is running does
 * nothing, whichever surface started it.
 */
import * as React from "react";
import type { Msg } from "../core/errors";

/** What failed, as a message to render in the pane's language (or plain text from a port). */
export type PaneProblem = Msg | { text: string };

/** Thrown by a service when an action refuses (its message says what to do). */
export class PaneError extends Error {
  constructor(readonly problem: PaneProblem) {
    super("key" in problem ? problem.key : problem.text);
  }
}

/** The problem an unknown error stands for: its localized message when it carries one, else its first line. */
export function problemOf(e: unknown): PaneProblem {
  if (e instanceof PaneError) return e.problem;
  const msg = (e as { msg?: unknown } | null)?.msg;
  if (typeof msg === "object" && msg !== null && typeof (msg as Msg).key === "string") return msg as Msg;
  const text = (e instanceof Error ? e.message : String(e)).split("\n")[0]!.trim();
  return { key: "pane.error.unexpected", params: { error: text } };
}

export type ActionState<R> =
  | { status: "idle" }
  | { status: "running"; progress: number | null; step: string | null }
  | { status: "done"; result: R; at: number }
  | { status: "failed"; problem: PaneProblem; at: number };

type Listener = () => void;

/** A tiny observable value. */
export class Observable<T> {
  private listeners = new Set<Listener>();
  constructor(private value: T) {}
  get = (): T => this.value;
  set(v: T): void {
    this.value = v;
    for (const l of [...this.listeners]) l();
  }
  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

/** Reports progress (0…1, or null for "working") and optionally the step (a catalog key). */
export type Progress = (fraction: number | null, step?: string) => void;

/** One action's state; `run` does nothing (resolves undefined) while a run is in progress. */
export class ActionStore<R> extends Observable<ActionState<R>> {
  constructor() {
    super({ status: "idle" });
  }
  get running(): boolean {
    return this.get().status === "running";
  }
  async run(fn: (progress: Progress) => Promise<R>): Promise<R | undefined> {
    if (this.running) return undefined;
    this.set({ status: "running", progress: null, step: null });
    const progress: Progress = (fraction, step) => {
      const s = this.get();
      if (s.status === "running") this.set({ status: "running", progress: fraction, step: step ?? s.step });
    };
    try {
      const result = await fn(progress);
      this.set({ status: "done", result, at: Date.now() });
      return result;
    } catch (e) {
      this.set({ status: "failed", problem: problemOf(e), at: Date.now() });
      return undefined;
    }
  }
  reset(): void {
    if (!this.running) this.set({ status: "idle" });
  }
}

/** Subscribes a component to an observable. */
export function useObservable<T>(o: Observable<T>): T {
  return React.useSyncExternalStore(o.subscribe, o.get, o.get);
}
