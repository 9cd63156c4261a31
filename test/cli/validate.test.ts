/**
 * `salesplan validate` (cli.md) run in-process on .xlsx files written in the test through the
 * xlsx port: the JSON shape, exit status 0 / 1 / 2, the readable table, the language, and
 * that the file is never written.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main";
import { newXlsx, saveXlsx } from "../../src/ports/xlsx";
import { action, actual, d, goal } from "../core/smart/tables";
import { type PlanRows, writePlan } from "../actions/plan-sheets";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(["node", "salesplan", ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

let dir: string;
async function planFile(name: string, p: PlanRows, lang: "en" | "zh-CN" = "en"): Promise<string> {
  const port = newXlsx(name);
  await writePlan(port, p, lang);
  const path = join(dir, name);
  await saveXlsx(port, path);
  return path;
}

/**
 * As in the action's test: G-001 clean (5); a blank row 3; G-002 without Objective (R1) and
 * target 260 on baseline 100, g = 1.6 > 2 × 0.5 (A1) → 3; G-003 "Grow sales" (S2 warning) → 5,
 * its action due 2027-03-31 after its End 2026-12-31 (T3 warning, PlanActions row 4).
 */
const PLAN: PlanRows = {
  targets: [goal(), {}, goal({ GoalID: "G-002", Objective: null, Baseline: 100, Target: 260 }), goal({ GoalID: "G-003", Goal: "Grow sales" })],
  actions: [action(), action({ ActionID: "A-002", GoalID: "G-002" }), action({ ActionID: "A-003", GoalID: "G-003", Due: d(2027, 3, 31) })],
};
const CLEAN: PlanRows = { targets: [goal()], actions: [action()], actuals: [actual(), actual({ Date: d(2026, 3, 2), Value: 95_000 })] };

let plan: string;
let clean: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "salesplan-validate-"));
  plan = await planFile("plan.xlsx", PLAN);
  clean = await planFile("clean.xlsx", CLEAN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("salesplan validate --json", () => {
  it("prints exactly the JSON of cli.md and exits 1 when a finding is an error", async () => {
    const r = await cli("validate", plan, "--json");
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    expect(r.out.endsWith("\n")).toBe(true);
    expect(r.out.trimEnd().includes("\n")).toBe(false);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(["file", "goals", "scores", "findings"]);
    expect(json.file).toBe(plan);
    expect(json.goals).toBe(3);
    expect(json.scores).toEqual([
      { goalId: "G-001", row: 2, score: 5, unmet: [] },
      { goalId: "G-002", row: 4, score: 3, unmet: ["A", "R"] },
      { goalId: "G-003", row: 5, score: 5, unmet: [] },
    ]);
    expect(Object.keys(json.scores[0])).toEqual(["goalId", "row", "score", "unmet"]);
    expect(json.findings.map((f: Record<string, unknown>) => Object.keys(f))).toEqual(
      Array(4).fill(["table", "row", "goalId", "column", "criterion", "code", "severity", "message"]),
    );
    expect(json.findings[0]).toEqual({
      table: "PlanTargets", row: 4, goalId: "G-002", column: "Target", criterion: "A", code: "A1", severity: "error",
      // 260 / 100 − 1 = 160%; the limit is 2 × MaxGrowth 0.5 = 100%.
      message: "Target 260 is 160% above the baseline 100; the plan allows at most 100% (MaxGrowth 0.5 × 2). Lower the target or explain the baseline.",
    });
    expect(json.findings.slice(1).map((f: Record<string, unknown>) => [f.table, f.row, f.goalId, f.column, f.criterion, f.code, f.severity])).toEqual([
      ["PlanTargets", 4, "G-002", "Objective", "R", "R1", "error"],
      ["PlanTargets", 5, "G-003", "Goal", "S", "S2", "warning"],
      ["PlanActions", 4, "G-003", "Due", "T", "T3", "warning"],
    ]);
  });

  it("a plan with no findings: exit 0 and \"findings\":[]", async () => {
    const r = await cli("validate", clean, "--json");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toBe(`${JSON.stringify({ file: clean, goals: 1, scores: [{ goalId: "G-001", row: 2, score: 5, unmet: [] }], findings: [] })}\n`);
    expect(r.out).toContain('"findings":[]');
  });

  it("warnings and info alone exit 0", async () => {
    // Baseline 6M, target 5M (higher is better): a decline, A4 info; "Grow sales": S2 warning.
    const f = await planFile("warn.xlsx", { targets: [goal({ Goal: "Grow sales", Baseline: 6_000_000, Target: 5_000_000 })], actions: [action()] });
    const r = await cli("validate", f, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).findings.map((x: { code: string; severity: string }) => `${x.code}:${x.severity}`)).toEqual(["S2:warning", "A4:info"]);
  });

  it("reports the other tables' data findings, typed text dates included (D1)", async () => {
    const f = await planFile("actuals.xlsx", { ...CLEAN, actuals: [actual(), actual({ Date: "2026-02-10" })] });
    const r = await cli("validate", f, "--json");
    expect(r.code).toBe(1);
    const [d1] = JSON.parse(r.out).findings;
    expect(d1).toMatchObject({ table: "PlanActuals", row: 3, goalId: null, column: "Date", criterion: "D", code: "D1", severity: "error" });
    expect(d1.message).toContain("2026-02-10");
  });

  it("never writes the file", async () => {
    const before = readFileSync(plan);
    const mtime = statSync(plan).mtimeMs;
    await cli("validate", plan);
    await cli("validate", plan, "--json");
    expect(readFileSync(plan).equals(before)).toBe(true);
    expect(statSync(plan).mtimeMs).toBe(mtime);
  });
});

describe("salesplan validate: bad input exits 2 with one line on stderr", () => {
  const oneLine = (r: { code: number; out: string; err: string }) => {
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    expect(r.err).not.toMatch(/\s+at\s/); // no stack trace
  };
  it("a missing file", async () => {
    const r = await cli("validate", join(dir, "nope.xlsx"), "--json");
    oneLine(r);
    expect(r.err).toContain("nope.xlsx");
  });
  it("a file that is not an xlsx", async () => {
    const f = join(dir, "notes.xlsx");
    writeFileSync(f, "Goal,Target\nGrow,100\n");
    const r = await cli("validate", f);
    oneLine(r);
    expect(r.err).toMatch(/not an Excel workbook/);
  });
  it("a workbook without a PlanTargets table", async () => {
    const f = await planFile("actuals-only.xlsx", { actuals: [actual()] });
    const r = await cli("validate", f, "--json");
    oneLine(r);
    expect(r.err).toMatch(/no PlanTargets table/);
  });
  it("an unknown --lang", async () => {
    oneLine(await cli("validate", plan, "--lang", "fr"));
  });
});

describe("salesplan validate: the readable table", () => {
  it("groups findings by goal with their cells, then the other findings, then a summary", async () => {
    const f = await planFile("table.xlsx", { ...PLAN, actions: [...PLAN.actions!, action({ ActionID: "A-009", GoalID: "G-999" })] });
    const r = await cli("validate", f);
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toBe(`${f}: goals checked: 3`);
    const body = lines.slice(2);
    expect(body[0]).toBe("G-001 (row 2): SMART 5/5");
    expect(body[1]).toBe("G-002 (row 4): SMART 3/5  (unmet: A, R)");
    // Target is column H, Objective C, Goal B; PlanActions' Due is G, its Goal ID B.
    expect(body[2]).toMatch(/^  error {4}A1  Targets!H4  Target 260 is 160% above the baseline 100;/);
    expect(body[3]).toBe("  error    R1  Targets!C4  No strategic objective. Fill in the Objective this goal serves.");
    expect(body[4]).toBe("G-003 (row 5): SMART 5/5");
    expect(body[5]).toMatch(/^  warning  S2  Targets!B5  The goal "Grow sales" is vague/);
    expect(body[6]).toMatch(/^  warning  T3  Actions!G4  /);
    expect(body[7]).toBe("");
    expect(body[8]).toBe("Other findings");
    expect(body[9]).toMatch(/^  error {4}D4  Actions!B5  .*G-999/);
    expect(body[10]).toBe("");
    // 3 goals, scores 5, 3, 5; errors A1, R1, D4; warnings S2, T3.
    expect(body[11]).toBe("Goals: 3 · SMART score 5: 2, 4: 0, 3: 1, 2: 0, 1: 0, 0: 0 · errors: 3, warnings: 2, info: 0");
    expect(body).toHaveLength(12);
  });

  it("says so when there is nothing to report", async () => {
    const r = await cli("validate", clean);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${clean}: goals checked: 1\n\nG-001 (row 2): SMART 5/5\n\nNo findings.\n\nGoals: 1 · SMART score 5: 1, 4: 0, 3: 0, 2: 0, 1: 0, 0: 0 · errors: 0, warnings: 0, info: 0\n`);
  });
});

describe("salesplan validate: a Chinese plan", () => {
  let zh: string;
  beforeAll(async () => {
    zh = await planFile("计划.xlsx", { ...PLAN, settings: [{ Key: "Language", Value: "zh-CN" }] }, "zh-CN");
  });
  it("reads Chinese headers and speaks the workbook's language", async () => {
    const r = await cli("validate", zh, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.findings.map((f: { code: string; row: number; column: string }) => `${f.code}:${f.row}:${f.column}`)).toEqual([
      "A1:4:Target", "R1:4:Objective", "S2:5:Goal", "T3:4:Due",
    ]);
    expect(json.scores.map((s: { score: number }) => s.score)).toEqual([5, 3, 5]);
    expect(json.findings.every((f: { message: string }) => /[\u4e00-\u9fff]/.test(f.message))).toBe(true);
  });
  it("--lang en overrides it", async () => {
    const r = await cli("validate", zh, "--json", "--lang", "en");
    expect(JSON.parse(r.out).findings[1].message).toBe("No strategic objective. Fill in the Objective this goal serves.");
  });
  it("prints the readable table in Chinese, with the Chinese sheet names", async () => {
    const r = await cli("validate", zh);
    expect(r.out).toContain("G-002（第 4 行）：SMART 3/5  （未满足：A, R）");
    expect(r.out).toMatch(/ {2}错误 {2}A1 {2}目标!H4 {2}/);
    expect(r.out).toMatch(/ {2}警告 {2}T3 {2}行动计划!G4 {2}/);
    expect(r.out.trimEnd().split("\n").at(-1)).toBe("3 个目标 · SMART 得分 5：2，4：0，3：1，2：0，1：0，0：0 · 2 个错误，2 个警告，0 个提示");
  });
});
