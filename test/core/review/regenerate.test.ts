/**
 * Regeneration through real ports (the xlsx file port, saved and reopened, and the memory
 * port): write a review, type into its Commentary and Adjustment cells, read the sheet back,
 * regenerate in place with readPreviousCommentary → reviewSheetSpec → applySheetSpec, and
 * find every word again, including those about a goal that left the review.
 */
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../src/core/cells";
import { serialFromYmd } from "../../../src/core/dates";
import { isError } from "../../../src/core/errors";
import { buildReview } from "../../../src/core/review/engine";
import type { RawTables } from "../../../src/core/schema";
import { readPreviousCommentary, reviewCol, reviewSheetSpec } from "../../../src/core/sheets/review";
import type { SheetSpec, SpecCell } from "../../../src/core/sheets/spec";
import { planTableSpec } from "../../../src/core/sheets/template";
import { memoryWorkbook } from "../../../src/ports/memory";
import { newXlsx, openXlsx, saveXlsx } from "../../../src/ports/xlsx";
import type { WorkbookPort } from "../../../src/ports/types";
import type { Row } from "./plan";

const d = serialFromYmd;
const AS_OF = d(2026, 8, 15);

const cell = (v: CellValue): SpecCell => (v === null ? null : typeof v === "string" ? { t: "s", v } : typeof v === "number" ? { t: "n", v } : typeof v === "boolean" ? { t: "b", v } : null);
const rows = (rs: Row[]) => rs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cell(v)])));
const goalRow = (id: string, extra: Row = {}): Row => ({ GoalID: id, Goal: `Goal ${id}`, Metric: "Revenue", Unit: "CNY", Target: 9_200, Start: d(2026, 7, 1), End: d(2026, 9, 30), ...extra });

async function generate(port: WorkbookPort, name: string | null): Promise<SheetSpec> {
  const tables = await port.readPlanTables();
  const review = buildOrThrow(tables);
  const previous = name && (await port.listSheets()).some((s) => s.name === name) ? readPreviousCommentary(await port.readSheet(name)) : undefined;
  const spec = reviewSheetSpec(review, { generatedAt: AS_OF + 0.5, previous });
  await port.applySheetSpec(spec);
  return spec;
}

function buildOrThrow(tables: RawTables) {
  const r = buildReview(tables, { period: "2026-Q3", asOf: AS_OF });
  if (isError(r)) throw new Error(r.code);
  return r;
}

/** Types a text into a goal's cell, as a user would (a patch that touches nothing else). */
async function type(port: WorkbookPort, spec: SheetSpec, goalId: string, col: "commentary" | "adjustment", text: string): Promise<void> {
  const sheet = await port.readSheet(spec.name);
  const idCol = reviewCol("goalId") - sheet.origin.col;
  const r = sheet.values.findIndex((line) => line[idCol] === goalId);
  if (r < 0) throw new Error(`no row for ${goalId}`);
  await port.applySheetSpec({ name: spec.name, mode: "patch", blocks: [{ row: sheet.origin.row + r, col: reviewCol(col), cells: [[{ t: "s", v: text }]] }] });
}

/** Every text on the sheet. */
async function texts(port: WorkbookPort, name: string): Promise<string[]> {
  return (await port.readSheet(name)).values.flat().filter((v): v is string => typeof v === "string");
}

const ports: [string, () => Promise<{ port: WorkbookPort; reopen: (p: WorkbookPort) => Promise<WorkbookPort> }>][] = [
  ["xlsx (saved and reopened between steps)", async () => ({ port: newXlsx("plan.xlsx"), reopen: async (p) => openXlsx(await saveXlsx(p as ReturnType<typeof newXlsx>), { name: "plan.xlsx" }) })],
  ["memory", async () => ({ port: memoryWorkbook(), reopen: async (p) => p })],
];

describe.each(ports)("regenerating a review in place: %s", (_, make) => {
  it("keeps every word typed in Commentary and Adjustment, by Goal ID, across regenerations", async () => {
    let { port, reopen } = await make();
    await port.applySheetSpec(planTableSpec("PlanTargets", "en", "Targets", rows([goalRow("G-1"), goalRow("G-2"), goalRow("G-3")])));
    await port.applySheetSpec(planTableSpec("PlanActuals", "en", "Actuals", rows([{ Date: d(2026, 7, 2), Metric: "Revenue", Value: 1_000 }])));
    const s1 = await generate(port, null);
    await type(port, s1, "G-1", "commentary", "On plan; East carried us");
    await type(port, s1, "G-2", "commentary", "=not a formula, just words");
    await type(port, s1, "G-2", "adjustment", "00123 more calls");
    await type(port, s1, "G-3", "adjustment", "2026-12-31");
    port = await reopen(port);

    // G-2 leaves the plan; the sheet is rewritten in place.
    await port.applySheetSpec(planTableSpec("PlanTargets", "en", "Targets", rows([goalRow("G-1"), goalRow("G-3"), goalRow("G-4")])));
    const sheetsBefore = (await port.listSheets()).length;
    const s2 = await generate(port, s1.name);
    expect((await port.listSheets()).length).toBe(sheetsBefore);
    port = await reopen(port);
    const all2 = await texts(port, s2.name);
    for (const w of ["On plan; East carried us", "=not a formula, just words", "00123 more calls", "2026-12-31", "Removed goals", "Goal G-2"]) expect(all2).toContain(w);

    // Once more with the same plan: the removed goal's words stay.
    await type(port, s2, "G-4", "commentary", "new goal, new words");
    const s3 = await generate(port, s2.name);
    port = await reopen(port);
    const all3 = await texts(port, s3.name);
    for (const w of ["On plan; East carried us", "=not a formula, just words", "00123 more calls", "2026-12-31", "new goal, new words"]) expect(all3).toContain(w);
    const back = readPreviousCommentary(await port.readSheet(s3.name));
    expect(back.commentary.get("G-1")?.commentary).toBe("On plan; East carried us");
    expect(back.commentary.get("G-3")?.adjustment).toBe("2026-12-31");
    expect(back.commentary.get("G-4")?.commentary).toBe("new goal, new words");
    expect(back.removed).toEqual([{ goalId: "G-2", goal: "Goal G-2", commentary: "=not a formula, just words", adjustment: "00123 more calls" }]);
  });
});
