/**
 * Whole-plan SMART validation (smart.md): the row-local rules on every goal, the rules that
 * join goals with each other and with PlanActions / PlanPhasing (S3, R2, R3, T3, P1, P3,
 * P6), and the data rules on the other tables (D1–D9). Everything is indexed by Goal ID
 * and metric, so the cost is linear in the number of rows.
 */
import { type CellValue, asNumber, asPlanDate, asText, cellText, excelEqualityKey, isBlank } from "../cells";
import { isoFromSerial } from "../dates";
import { gtTol, isError } from "../errors";
import {
  type BoundRow, type BoundTable, type PlanSettings, type RawTables, type TableName,
  MONTH_KEYS, TABLES, bindTable, cellOf, readSettings,
} from "../schema";
import type { Lang } from "../../i18n";
import {
  type Finding, type FindingCode, type RenderedFinding, type SmartLetter, CODE_INFO, SMART_LETTERS,
  compareFindings, fmtNumber, fmtPct, placeFinding, renderFinding,
} from "./findings";
import { type GoalFields, rowLocalFindings } from "./row";

/** A goal's SMART score as validation writes it back (cli.md `scores`). */
export interface GoalScore {
  goalId: string | null;
  /** 1-based worksheet row of the goal in PlanTargets. */
  row: number;
  score: number;
  unmet: SmartLetter[];
}

/** What validatePlan finds; messages are still Msg (render with renderValidation). */
export interface PlanValidation {
  /** Number of (non-blank) goal rows checked. */
  goals: number;
  scores: GoalScore[];
  findings: Finding[];
  settings: PlanSettings;
  /** The language to render messages in: the one asked for, else the workbook's Language setting. */
  lang: Lang;
}

/** The JSON of cli.md's `validate --json` (without `file`). */
export interface ValidationReport {
  goals: number;
  scores: GoalScore[];
  findings: RenderedFinding[];
}

/** Renders a validation's messages (in v.lang unless `lang` is given). */
export function renderValidation(v: PlanValidation, lang?: Lang): ValidationReport {
  const l = lang ?? v.lang;
  return { goals: v.goals, scores: v.scores, findings: v.findings.map((f) => renderFinding(l, f)) };
}

const ASCII = /^[\x20-\x7e]*$/;

/** Goal IDs, parents and profile names compare trimmed, ignoring case and width. */
function idKey(v: CellValue | undefined): string | null {
  const s = asText(v);
  if (s === null) return null;
  return (ASCII.test(s) ? s : s.normalize("NFKC")).toLowerCase();
}

/** Metrics compare as Excel's `=` does, with the review's own key (excelEqualityKey): text ignoring case, untrimmed; a number only equals a number. A blank Metric has none. */
function metricKey(v: CellValue | undefined): string | null {
  if (isBlank(v) || v === undefined || isError(v)) return null;
  return excelEqualityKey(v);
}

/** Letters whose rules read a required PlanTargets column: when the column is missing, no goal meets them. */
const LETTER_OF_REQUIRED: Readonly<Record<string, SmartLetter>> = { Goal: "S", Metric: "M", Target: "M", Start: "T", End: "T" };

interface GoalRec {
  row: number;
  id: string | null;
  key: string | null;
  parent: string | null;
  parentKey: string | null;
  metricKey: string | null;
  target: number | null;
  end: number | null;
  phasing: string | null;
  /** Whether the parent is a valid, existing other goal that does not close a cycle. */
  parentOk: boolean;
}

interface Profile {
  name: string;
  blanks: number[];
  bad: number[];
  allZero: boolean;
}

const MONTH_ZH = MONTH_KEYS.map((_, i) => `${i + 1}月`);
const monthsEn = (idx: readonly number[]) => idx.map((i) => MONTH_KEYS[i]).join(", ");
const monthsZh = (idx: readonly number[]) => idx.map((i) => MONTH_ZH[i]).join("、");

function make(
  code: FindingCode, table: TableName, row: number, goalId: string | null, column: string | null,
  key: string, params?: Record<string, string | number>,
): Finding {
  const { criterion, severity } = CODE_INFO[code];
  return { table, row, goalId, column, criterion, code, severity, message: params ? { key, params } : { key } };
}

/** D7 findings for a table's missing required columns (at its header row). */
function missingColumns(t: BoundTable, out: Finding[]): void {
  for (const key of t.missing) {
    const c = TABLES[t.def.name].columns.find((col) => col.key === key)!;
    out.push(make("D7", t.def.name, t.raw.headerRow, null, key, "smart.D7", { table: t.def.name, en: c.en, zh: c.zh }));
  }
}

/** Reads PlanPhasing profiles by name (the first row of a name wins). */
function readProfiles(t: BoundTable | null): Map<string, Profile> {
  const profiles = new Map<string, Profile>();
  if (!t) return profiles;
  for (const r of t.rows) {
    const name = asText(cellOf(t, r, "Profile"));
    const key = idKey(name);
    if (name === null || key === null || profiles.has(key)) continue;
    const blanks: number[] = [];
    const bad: number[] = [];
    let allZero = true;
    MONTH_KEYS.forEach((m, i) => {
      const v = cellOf(t, r, m);
      if (isBlank(v)) blanks.push(i);
      else {
        const n = asNumber(v);
        if (n === null || n < 0) bad.push(i);
        else if (n !== 0) allZero = false;
      }
    });
    profiles.set(key, { name, blanks, bad, allZero });
  }
  return profiles;
}

/** The IDs of a cycle closed by goal `start`, written out (`G-1 → G-2 → G-1`), at most 10 shown. */
function cycleText(start: GoalRec, byKey: ReadonlyMap<string, GoalRec>): string {
  const ids: string[] = [start.id ?? ""];
  let cur = start.parentKey !== null ? byKey.get(start.parentKey) : undefined;
  while (cur && cur.key !== start.key && ids.length < 10) {
    ids.push(cur.id ?? "");
    cur = cur.parentKey !== null ? byKey.get(cur.parentKey) : undefined;
  }
  ids.push(cur && cur.key === start.key ? (start.id ?? "") : "…");
  return ids.join(" → ");
}

/**
 * Validates a whole plan (smart.md): every rule on every table, findings ordered by table,
 * row and letter, and each goal's SMART score. `lang` only sets `lang` of the result (the
 * language renderValidation uses); without it the workbook's Language setting is used.
 */
export function validatePlan(tables: RawTables, lang?: Lang): PlanValidation {
  const { settings } = readSettings(tables.PlanSettings);
  const findings: Finding[] = [];
  const result = (goals: number, scores: GoalScore[]): PlanValidation => ({
    goals, scores, findings: findings.sort(compareFindings), settings, lang: lang ?? settings.language,
  });

  const bound = (name: TableName): BoundTable | null => {
    const raw = tables[name];
    if (!raw) return null;
    const t = bindTable(raw);
    missingColumns(t, findings);
    return t;
  };
  const tt = bound("PlanTargets");
  const actuals = bound("PlanActuals");
  const actions = bound("PlanActions");
  const risks = bound("PlanRisks");
  const phasing = bound("PlanPhasing");
  bound("PlanSettings");

  if (!tt) {
    findings.push(make("D7", "PlanTargets", 0, null, null, "smart.D7.noTargets"));
    return result(0, []);
  }

  // ---- PlanTargets: row-local rules, then the goal index.
  const missing = new Set(tt.missing);
  const hasIds = !missing.has("GoalID");
  const goals: GoalRec[] = [];
  for (const r of tt.rows) {
    const c = (key: string) => cellOf(tt, r, key);
    const id = hasIds ? asText(c("GoalID")) : null;
    const fields: GoalFields = {
      goal: c("Goal"), objective: c("Objective"), metric: c("Metric"), unit: c("Unit"), direction: c("Direction"),
      baseline: c("Baseline"), target: c("Target"), start: c("Start"), end: c("End"), owner: c("Owner"),
    };
    for (const f of rowLocalFindings(fields, { maxGrowth: settings.maxGrowth })) {
      if (!missing.has(f.column)) findings.push(placeFinding(f, "PlanTargets", r.row, id));
    }
    if (hasIds && id === null) findings.push(make("P1", "PlanTargets", r.row, null, "GoalID", "smart.P1.blank"));
    const end = asPlanDate(c("End"));
    goals.push({
      row: r.row, id, key: id === null ? null : idKey(id),
      parent: asText(c("Parent")), parentKey: idKey(c("Parent")),
      metricKey: metricKey(c("Metric")), target: asNumber(c("Target")), end: end ? end.serial : null,
      phasing: asText(c("Phasing")), parentOk: false,
    });
  }

  // P1: duplicate IDs. The first row of an ID is the one others refer to.
  const byKey = new Map<string, GoalRec>();
  const rowsOfKey = new Map<string, GoalRec[]>();
  for (const g of goals) {
    if (g.key === null) continue;
    if (!byKey.has(g.key)) byKey.set(g.key, g);
    const list = rowsOfKey.get(g.key);
    if (list) list.push(g);
    else rowsOfKey.set(g.key, [g]);
  }
  for (const list of rowsOfKey.values()) {
    if (list.length < 2) continue;
    const rows = list.map((g) => g.row).join(", ");
    for (const g of list) findings.push(make("P1", "PlanTargets", g.row, g.id, "GoalID", "smart.P1.duplicate", { goalId: g.id ?? "", rows }));
  }

  // R2: parents. Cycles are found on the graph of first rows (each ID has one parent), in linear time.
  if (hasIds && tt.index.Parent !== undefined) {
    const state = new Map<string, 1 | 2>(); // 1 on the current path, 2 done
    const onCycle = new Set<string>();
    const next = (g: GoalRec): GoalRec | undefined =>
      g.parentKey !== null && g.parentKey !== g.key ? byKey.get(g.parentKey) : undefined;
    for (const first of byKey.values()) {
      const path: GoalRec[] = [];
      let cur: GoalRec | undefined = first;
      while (cur && cur.key !== null && state.get(cur.key) === undefined) {
        state.set(cur.key, 1);
        path.push(cur);
        cur = next(cur);
      }
      if (cur && cur.key !== null && state.get(cur.key) === 1) {
        for (let i = path.length - 1; i >= 0; i--) {
          onCycle.add(path[i]!.key!);
          if (path[i]!.key === cur.key) break;
        }
      }
      for (const p of path) state.set(p.key!, 2);
    }
    const closesCycle = (g: GoalRec): boolean => {
      if (g.key === null) return false;
      if (byKey.get(g.key) === g) return onCycle.has(g.key);
      // A later row with a duplicate ID: walk up from its parent (bounded by the number of IDs).
      let cur = g.parentKey !== null ? byKey.get(g.parentKey) : undefined;
      for (let steps = 0; cur && steps <= byKey.size; steps++) {
        if (cur.key === g.key) return true;
        cur = next(cur);
      }
      return false;
    };
    for (const g of goals) {
      if (g.parentKey === null) continue;
      if (g.key !== null && g.parentKey === g.key) {
        findings.push(make("R2", "PlanTargets", g.row, g.id, "Parent", "smart.R2.self", { parent: g.parent ?? "" }));
      } else if (!byKey.has(g.parentKey)) {
        findings.push(make("R2", "PlanTargets", g.row, g.id, "Parent", "smart.R2.unknown", { parent: g.parent ?? "" }));
      } else if (closesCycle(g)) {
        findings.push(make("R2", "PlanTargets", g.row, g.id, "Parent", "smart.R2.cycle", { parent: g.parent ?? "", cycle: cycleText(g, byKey) }));
      } else g.parentOk = true;
    }

    // R3: two or more children with the parent's Metric whose targets do not add up to its target (±1%).
    const children = new Map<GoalRec, GoalRec[]>();
    for (const g of goals) {
      if (!g.parentOk || g.parentKey === null) continue;
      const p = byKey.get(g.parentKey)!;
      if (p.metricKey === null || g.metricKey !== p.metricKey) continue;
      const list = children.get(p);
      if (list) list.push(g);
      else children.set(p, [g]);
    }
    for (const [p, kids] of children) {
      if (kids.length < 2 || p.target === null || p.target === 0 || kids.some((k) => k.target === null)) continue;
      const sum = kids.reduce((s, k) => s + k.target!, 0);
      const diff = Math.abs(sum - p.target);
      if (gtTol(diff, 0.01 * Math.abs(p.target))) {
        findings.push(make("R3", "PlanTargets", p.row, p.id, "Target", "smart.R3", {
          count: kids.length, children: kids.map((k) => k.id ?? "").join(", "), sum: fmtNumber(sum),
          target: fmtNumber(p.target), pct: fmtPct(diff / Math.abs(p.target), 2),
        }));
      }
    }
  }

  // P3 / P6: the goal's phasing profile.
  if (tt.index.Phasing !== undefined) {
    const profiles = readProfiles(phasing);
    for (const g of goals) {
      if (g.phasing === null) continue;
      const prof = profiles.get(idKey(g.phasing)!);
      if (!prof) {
        findings.push(make("P3", "PlanTargets", g.row, g.id, "Phasing", "smart.P3.unknown", { profile: g.phasing }));
        continue;
      }
      if (prof.bad.length > 0) {
        findings.push(make("P3", "PlanTargets", g.row, g.id, "Phasing", "smart.P3.bad", {
          profile: prof.name, months: monthsEn(prof.bad), monthsZh: monthsZh(prof.bad),
        }));
      } else if (prof.allZero) {
        findings.push(make("P3", "PlanTargets", g.row, g.id, "Phasing", "smart.P3.zero", { profile: prof.name }));
      }
      if (prof.blanks.length > 0) {
        findings.push(make("P6", "PlanTargets", g.row, g.id, "Phasing", "smart.P6", {
          profile: prof.name, months: monthsEn(prof.blanks), monthsZh: monthsZh(prof.blanks),
        }));
      }
    }
  }

  // ---- PlanActions: D4, D5, D9, and per goal S3 / T3.
  const actionCount = new Map<string, number>();
  const checkGoalRef = (t: BoundTable, r: BoundRow): { id: string | null; goal: GoalRec | undefined } => {
    const id = asText(cellOf(t, r, "GoalID"));
    if (id === null || !hasIds) return { id, goal: undefined };
    const goal = byKey.get(idKey(id)!);
    if (!goal) findings.push(make("D4", t.def.name, r.row, id, "GoalID", "smart.D4", { goalId: id }));
    return { id, goal };
  };
  const textDates = (t: BoundTable, r: BoundRow, id: string | null, keys: readonly ("Start" | "Due")[]) => {
    for (const key of keys) {
      const v = cellOf(t, r, key);
      const d = asPlanDate(v);
      if (d?.fromText) findings.push(make("D9", t.def.name, r.row, id, key, `smart.D9.${key}`, { value: cellText(v), date: isoFromSerial(d.serial) }));
    }
  };
  if (actions) {
    const am = new Set(actions.missing);
    for (const r of actions.rows) {
      const { id, goal } = checkGoalRef(actions, r);
      const start = asPlanDate(cellOf(actions, r, "Start"));
      const due = asPlanDate(cellOf(actions, r, "Due"));
      if (goal && goal.key !== null) {
        actionCount.set(goal.key, (actionCount.get(goal.key) ?? 0) + 1);
        if (due && goal.end !== null && due.serial > goal.end) {
          findings.push(make("T3", "PlanActions", r.row, id, "Due", "smart.T3", {
            action: asText(cellOf(actions, r, "ActionID")) ?? "", due: isoFromSerial(due.serial), end: isoFromSerial(goal.end),
          }));
        }
      }
      if (start && due && due.serial < start.serial) {
        findings.push(make("D5", "PlanActions", r.row, id, "Due", "smart.D5.due", { start: isoFromSerial(start.serial), due: isoFromSerial(due.serial) }));
      }
      if (!am.has("Owner") && asText(cellOf(actions, r, "Owner")) === null) {
        findings.push(make("D5", "PlanActions", r.row, id, "Owner", "smart.D5.owner"));
      }
      textDates(actions, r, id, ["Start", "Due"]);
    }
    if (hasIds) {
      for (const g of goals) {
        if (g.key !== null && !actionCount.has(g.key)) {
          findings.push(make("S3", "PlanTargets", g.row, g.id, "GoalID", "smart.S3", { goalId: g.id ?? "" }));
        }
      }
    }
  }

  // ---- PlanRisks: D4, D6, D9.
  if (risks) {
    const rm = new Set(risks.missing);
    for (const r of risks.rows) {
      const { id } = checkGoalRef(risks, r);
      for (const key of ["Likelihood", "Impact"] as const) {
        if (rm.has(key)) continue;
        const v = cellOf(risks, r, key);
        const n = asNumber(v);
        if (n === null || !Number.isInteger(n) || n < 1 || n > 5) {
          findings.push(make("D6", "PlanRisks", r.row, id, key, `smart.D6.${key}`, { value: cellText(v) }));
        }
      }
      textDates(risks, r, id, ["Due"]);
    }
  }

  // ---- PlanActuals: D8 error values, D1 dates, D2 values, D3 metrics no goal uses (one finding per metric).
  if (actuals) {
    const cols = TABLES.PlanActuals.columns.flatMap((c) => {
      const i = actuals.index[c.key];
      return i === undefined ? [] : [{ key: c.key, i }];
    });
    const di = actuals.index.Date;
    const vi = actuals.index.Value;
    const mi = actuals.index.Metric;
    const goalMetrics = new Set<string>();
    for (const g of goals) if (g.metricKey !== null) goalMetrics.add(g.metricKey);
    const checkMetrics = mi !== undefined && !missing.has("Metric");
    const unknown = new Map<string, { row: number; count: number; text: string | null }>();
    const metricOfText = new Map<string, string>();
    for (const r of actuals.rows) {
      const cells = r.cells;
      for (const c of cols) {
        const v = cells[c.i];
        if (typeof v === "object" && v !== null && isError(v)) findings.push(make("D8", "PlanActuals", r.row, null, c.key, "smart.D8", { error: v.code }));
      }
      if (di !== undefined) {
        const v = cells[di] ?? null;
        if (!isError(v)) {
          if (isBlank(v)) findings.push(make("D1", "PlanActuals", r.row, null, "Date", "smart.D1.blank"));
          else {
            const d = asPlanDate(v);
            if (d === null) findings.push(make("D1", "PlanActuals", r.row, null, "Date", "smart.D1.notDate", { value: cellText(v) }));
            else if (d.fromText) findings.push(make("D1", "PlanActuals", r.row, null, "Date", "smart.D1.text", { value: cellText(v), date: isoFromSerial(d.serial) }));
          }
        }
      }
      if (vi !== undefined) {
        const v = cells[vi] ?? null;
        if (!isError(v) && asNumber(v) === null) {
          if (isBlank(v)) findings.push(make("D2", "PlanActuals", r.row, null, "Value", "smart.D2.blank"));
          else if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v.replace(/,/g, "")))) {
            findings.push(make("D2", "PlanActuals", r.row, null, "Value", "smart.D2.text", { value: v }));
          } else findings.push(make("D2", "PlanActuals", r.row, null, "Value", "smart.D2.notNumber", { value: cellText(v) }));
        }
      }
      if (checkMetrics) {
        const v = cells[mi] ?? null;
        if (isError(v)) continue;
        // Actuals repeat a handful of metric texts: remember each text's verdict.
        let k = typeof v === "string" ? metricOfText.get(v) : undefined;
        if (k === undefined) {
          k = metricKey(v) ?? "";
          if (typeof v === "string") metricOfText.set(v, k);
        }
        if (k !== "" && goalMetrics.has(k)) continue;
        const u = unknown.get(k);
        if (u) u.count++;
        else unknown.set(k, { row: r.row, count: 1, text: k === "" ? null : cellText(v) });
      }
    }
    for (const u of unknown.values()) {
      findings.push(u.text === null
        ? make("D3", "PlanActuals", u.row, null, "Metric", "smart.D3.blank", { count: u.count })
        : make("D3", "PlanActuals", u.row, null, "Metric", "smart.D3", { metric: u.text, count: u.count }));
    }
  }

  // ---- Scores: a letter is met when no error finding of the goal falls under it.
  const missingLetters = new Set<SmartLetter>();
  for (const k of tt.missing) {
    const l = LETTER_OF_REQUIRED[k];
    if (l) missingLetters.add(l);
  }
  const badByRow = new Map<number, Set<string>>();
  const badById = new Map<string, Set<string>>();
  const add = (m: Map<number | string, Set<string>>, k: number | string, l: string) => {
    const s = m.get(k);
    if (s) s.add(l);
    else m.set(k, new Set([l]));
  };
  for (const f of findings) {
    if (f.severity !== "error" || !(SMART_LETTERS as readonly string[]).includes(f.criterion)) continue;
    if (f.table === "PlanTargets") add(badByRow as Map<number | string, Set<string>>, f.row, f.criterion);
    else if (f.goalId !== null) add(badById as Map<number | string, Set<string>>, idKey(f.goalId)!, f.criterion);
  }
  const scores: GoalScore[] = goals.map((g) => {
    const bad = new Set<string>([...missingLetters, ...(badByRow.get(g.row) ?? []), ...(g.key !== null ? (badById.get(g.key) ?? []) : [])]);
    const unmet = SMART_LETTERS.filter((l) => bad.has(l));
    return { goalId: g.id, row: g.row, score: 5 - unmet.length, unmet };
  });
  return result(goals.length, scores);
}
