/**
 * The browser preview's view of the in-memory workbook: sheet tabs and the active sheet's
 * cells (values as Excel would show them, formulas as their text since nothing is
 * calculated here), table headers marked, the selected cell outlined and scrolled into view.
 * Clicking a tab activates that sheet, as in Excel ("Convert this sheet" converts it).
 */
import * as React from "react";
import { Button, Caption1, Subtitle2, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { cellText } from "../core/cells";
import { isoFromSerial } from "../core/dates";
import { isError } from "../core/errors";
import { columnLetter } from "../core/schema";
import type { MemoryCell, MemorySheet, MemoryWorkbook } from "../ports/memory";
import type { Observable } from "./store";
import { useObservable } from "./store";
import { useLang } from "./ui";

const ROWS_STEP = 60;
const MAX_COLS = 30;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS },
  tabs: { display: "flex", gap: "2px", overflowX: "auto", paddingBottom: "2px" },
  tab: {
    flexShrink: 0, font: "inherit", fontSize: tokens.fontSizeBase200, padding: "2px 8px", cursor: "pointer",
    border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: `${tokens.borderRadiusSmall} ${tokens.borderRadiusSmall} 0 0`,
    backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground1,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  tabActive: { backgroundColor: tokens.colorNeutralBackground1, borderBottomColor: tokens.colorNeutralBackground1, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  tabHidden: { fontStyle: "italic", borderTopStyle: "dashed", borderLeftStyle: "dashed", borderRightStyle: "dashed", color: tokens.colorNeutralForeground3 },
  // The grid looks like Excel's, light in every Office theme (Excel keeps cells white in dark themes too).
  scroller: {
    overflow: "auto", maxHeight: "320px", border: `1px solid ${tokens.colorNeutralStroke1}`, backgroundColor: "#ffffff", color: "#1f1f1f",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  table: { borderCollapse: "collapse", fontSize: "11px", lineHeight: "16px", fontVariantNumeric: "tabular-nums" },
  head: { position: "sticky", top: 0, zIndex: 1, backgroundColor: "#f3f3f3", color: "#424242", fontWeight: tokens.fontWeightRegular, border: "1px solid #d1d1d1", padding: "0 4px", minWidth: "24px" },
  rowHead: { position: "sticky", left: 0, zIndex: 1, backgroundColor: "#f3f3f3", color: "#424242", fontWeight: tokens.fontWeightRegular, border: "1px solid #d1d1d1", padding: "0 4px", textAlign: "right" },
  corner: { position: "sticky", left: 0, top: 0, zIndex: 2, backgroundColor: "#f3f3f3", border: "1px solid #d1d1d1" },
  cell: { border: "1px solid #e0e0e0", padding: "0 4px", maxWidth: "120px", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", color: "#1f1f1f" },
  num: { textAlign: "right" },
  formula: { fontStyle: "italic", color: "#5c5c5c" },
  tableHeader: { fontWeight: tokens.fontWeightSemibold, backgroundColor: "#dce6f2", color: "#1f1f1f" },
  selected: { outline: "2px solid #107c41", outlineOffset: "-2px" },
  more: { alignSelf: "flex-start" },
});

/** A cell as the grid shows it: Excel's display text for common formats; formulas as their text. */
export function displayCell(c: MemoryCell | undefined): { text: string; numeric: boolean; formula: boolean } {
  if (!c) return { text: "", numeric: false, formula: false };
  if (c.formula !== null && (c.value === null || c.value === undefined)) return { text: c.formula, numeric: false, formula: true };
  const v = c.value;
  if (typeof v === "number") return { text: formatNumber(v, c.numberFormat), numeric: true, formula: false };
  if (isError(v)) return { text: v.code, numeric: false, formula: false };
  return { text: cellText(v), numeric: false, formula: false };
}

/** A number in a format code: dates as ISO dates, percentages, thousands separators, else as typed. */
export function formatNumber(v: number, format: string): string {
  const f = format.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  if (/[yd]/i.test(f) && v >= 1 && v < 2_958_466) {
    const day = Math.floor(v);
    const iso = isoFromSerial(day);
    if (/h/i.test(f) && v !== day) {
      const mins = Math.round((v - day) * 1440);
      return `${iso} ${String(Math.floor(mins / 60)).padStart(2, "0")}:${String(mins % 60).padStart(2, "0")}`;
    }
    return iso;
  }
  const decimals = (/0\.(0+)/.exec(f)?.[1] ?? "").length;
  if (f.includes("%")) return `${(v * 100).toFixed(decimals)}%`;
  if (f.includes("#,##0") || f.includes(",0")) return v.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return String(Number(v.toPrecision(12)));
}

function extent(sh: MemorySheet): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const [k, c] of sh.cells) {
    if ((c.value === null || c.value === undefined) && c.formula === null) continue;
    const [r, col] = k.split(",").map(Number) as [number, number];
    rows = Math.max(rows, r);
    cols = Math.max(cols, col);
  }
  return { rows, cols };
}

export function PreviewGrid({ workbook, version, onActivate }: { workbook: MemoryWorkbook; version: Observable<number>; onActivate: () => void }): React.JSX.Element {
  const { tr } = useLang();
  const s = useStyles();
  useObservable(version);
  const [rowLimit, setRowLimit] = React.useState(ROWS_STEP);
  const scroller = React.useRef<HTMLDivElement>(null);
  const tabs = React.useRef<HTMLDivElement>(null);
  const sheet = (workbook.activeSheet && workbook.sheet(workbook.activeSheet)) || workbook.sheets[0];
  const sel = workbook.selection && sheet && workbook.selection.sheet === sheet.name ? workbook.selection : null;
  const selAt = sel ? /^([A-Z]+)(\d+)/.exec(sel.address) : null;
  const selRow = selAt ? Number(selAt[2]) : 0;
  const selCol = selAt ? [...selAt[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;

  // Scroll the selected cell into view when the selection changes (not on every render).
  const selKey = sel ? `${sel.sheet}!${sel.address}` : null;
  const lastScrolled = React.useRef<string | null>(null);
  React.useEffect(() => {
    if (selKey === lastScrolled.current) return;
    lastScrolled.current = selKey;
    const box = scroller.current;
    const el = box?.querySelector<HTMLElement>("[data-selected='true']");
    if (!box || !el || typeof el.getBoundingClientRect !== "function") return;
    // Scroll only as far as needed, clear of the sticky column and row headers.
    const b = box.getBoundingClientRect();
    const e = el.getBoundingClientRect();
    const head = box.querySelector("thead")?.getBoundingClientRect().height ?? 0;
    const side = box.querySelector("tbody th")?.getBoundingClientRect().width ?? 0;
    if (e.top < b.top + head) box.scrollTop -= b.top + head - e.top + 4;
    else if (e.bottom > b.bottom) box.scrollTop += e.bottom - b.bottom + 4;
    if (e.left < b.left + side) box.scrollLeft -= b.left + side - e.left + 4;
    else if (e.right > b.right) box.scrollLeft += Math.min(e.right - b.right + 4, e.left - b.left - side - 4);
  });

  // Keep the active sheet's tab in view (a new review sheet is added at the end).
  React.useEffect(() => {
    const box = tabs.current;
    const el = box?.querySelector<HTMLElement>("[aria-pressed='true']");
    if (!box || !el || typeof el.getBoundingClientRect !== "function") return;
    const b = box.getBoundingClientRect();
    const e = el.getBoundingClientRect();
    if (e.right > b.right) box.scrollLeft += e.right - b.right + 8;
    else if (e.left < b.left) box.scrollLeft -= b.left - e.left + 8;
  }, [sheet?.name]);

  if (!sheet) return <Caption1>{tr("pane.grid.noSheets")}</Caption1>;
  const { rows, cols } = extent(sheet);
  // A few rows more than the limit are shown rather than hidden behind a button.
  const limit = Math.max(rowLimit, selRow + 5);
  const shownRows = rows <= limit + 20 ? rows : limit;
  const shownCols = Math.min(Math.max(cols, 1), MAX_COLS);
  const headerCells = new Set<string>();
  for (const t of workbook.tables) {
    if (t.sheet !== sheet.name) continue;
    for (let j = 0; j < t.range.cols; j++) headerCells.add(`${t.range.row},${t.range.col + j}`);
  }
  // Merged ranges: the top-left cell spans the range, the others are not drawn.
  const spans = new Map<string, { rows: number; cols: number }>();
  const covered = new Set<string>();
  for (const m of sheet.merges) {
    spans.set(`${m.row},${m.col}`, { rows: m.rows, cols: Math.min(m.cols, shownCols - m.col + 1) });
    for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) if (i > 0 || j > 0) covered.add(`${m.row + i},${m.col + j}`);
  }
  const styleOf = (r: number, c: number): React.CSSProperties | undefined => {
    let st: React.CSSProperties | undefined;
    for (const x of sheet.styles) {
      if (r < x.range.row || r >= x.range.row + x.range.rows || c < x.range.col || c >= x.range.col + x.range.cols) continue;
      st = { ...st, ...(x.bold ? { fontWeight: 600 } : {}), ...(x.fill ? { backgroundColor: x.fill, color: x.fontColor ?? "#000000" } : {}), ...(x.fontColor ? { color: x.fontColor } : {}) };
    }
    return st;
  };
  const activate = (name: string) => {
    workbook.activeSheet = name;
    onActivate();
  };

  return (
    <section className={s.root} aria-labelledby="grid-title" data-testid="preview-grid">
      <Subtitle2 as="h2" id="grid-title">
        {tr("pane.grid.title")}
      </Subtitle2>
      <div ref={tabs} className={s.tabs} role="group" aria-label={tr("pane.grid.sheets")}>
        {workbook.sheets.map((x) => (
          <button
            type="button"
            key={x.name}
            className={mergeClasses(s.tab, x === sheet && s.tabActive, x.hidden && s.tabHidden)}
            aria-pressed={x === sheet}
            onClick={() => activate(x.name)}
            data-testid="sheet-tab"
          >
            {x.hidden ? tr("pane.grid.hiddenSheet", { name: x.name }) : x.name}
          </button>
        ))}
      </div>
      {rows === 0 ? (
        <Caption1>{tr("pane.grid.emptySheet", { sheet: sheet.name })}</Caption1>
      ) : (
        <div ref={scroller} className={s.scroller} tabIndex={0} role="region" aria-label={tr("pane.grid.region", { sheet: sheet.name })}>
          <table className={s.table} data-testid="grid" data-sheet={sheet.name}>
            <thead>
              <tr>
                <td className={s.corner} aria-hidden />
                {Array.from({ length: shownCols }, (_, j) => (
                  <th key={j} scope="col" className={s.head}>
                    {columnLetter(j + 1)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: shownRows }, (_, i) => {
                const r = i + 1;
                return (
                  <tr key={r}>
                    <th scope="row" className={s.rowHead}>
                      {r}
                    </th>
                    {Array.from({ length: shownCols }, (_, j) => {
                      const c = j + 1;
                      if (covered.has(`${r},${c}`)) return null;
                      const span = spans.get(`${r},${c}`);
                      const d = displayCell(sheet.cells.get(`${r},${c}`));
                      const isSel = r === selRow && c === selCol;
                      return (
                        <td
                          key={c}
                          colSpan={span && span.cols > 1 ? span.cols : undefined}
                          rowSpan={span && span.rows > 1 ? span.rows : undefined}
                          data-address={`${columnLetter(c)}${r}`}
                          data-selected={isSel ? "true" : undefined}
                          aria-current={isSel ? "true" : undefined}
                          title={d.text.length > 14 ? d.text : undefined}
                          style={span && span.cols > 1 ? { ...styleOf(r, c), maxWidth: `${span.cols * 120}px` } : styleOf(r, c)}
                          className={mergeClasses(s.cell, d.numeric && s.num, d.formula && s.formula, headerCells.has(`${r},${c}`) && s.tableHeader, isSel && s.selected)}
                        >
                          {d.text}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows > 0 && (
        <Caption1 data-testid="grid-status">
          {tr("pane.grid.status", { sheet: sheet.name, rows, cols: columnLetter(Math.max(cols, 1)) })}
          {sel ? ` · ${tr("pane.grid.selection", { address: sel.address })}` : ""}
        </Caption1>
      )}
      {shownRows < rows && (
        <Button size="small" className={s.more} onClick={() => setRowLimit((n) => n + ROWS_STEP * 2)}>
          {tr("pane.grid.more", { rows: rows - shownRows })}
        </Button>
      )}
    </section>
  );
}
