/**
 * Validate page: check the plan against SMART and the data rules; a summary (goals checked,
 * SMART score distribution, errors / warnings / info), findings grouped by goal and filtered by
 * letter and severity; clicking a finding selects its cell (its sheet activated).
 */
import * as React from "react";
import {
  Badge, Body1, Button, Caption1, MessageBar, MessageBarBody, ToggleButton, makeStyles, mergeClasses, tokens,
} from "@fluentui/react-components";
import { asText } from "../../core/cells";
import { type Criterion, CRITERIA, type Finding, type Severity, renderFinding } from "../../core/smart";
import { bindTable, cellOf } from "../../core/schema";
import { SMART_HEADER, findingAddress, groupFindings, qualifiedAddress } from "../../actions/validate-plan";
import { type Lang, t } from "../../i18n";
import type { PaneModel } from "../model";
import type { ValidateDone } from "../services";
import { type PaneProblem, problemOf, useObservable } from "../store";
import { DoneBar, ProblemBar, Section, Working, say, useLang, useUiStyles } from "../ui";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const BADGE: Record<Severity, "danger" | "warning" | "informative"> = { error: "danger", warning: "warning", info: "informative" };

const useStyles = makeStyles({
  summary: { display: "grid", gridTemplateColumns: "repeat(4, 1fr)", gap: tokens.spacingHorizontalXS, textAlign: "center" },
  tile: { display: "flex", flexDirection: "column", padding: tokens.spacingVerticalXS, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground3 },
  tileValue: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  dist: { display: "flex", flexDirection: "column", gap: "2px", margin: 0, padding: 0, listStyle: "none" },
  distRow: { display: "grid", gridTemplateColumns: "28px 1fr 28px", gap: "6px", alignItems: "center" },
  hidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
  bar: { height: "8px", borderRadius: "4px", backgroundColor: tokens.colorBrandBackground, minWidth: "2px" },
  filters: { display: "flex", flexWrap: "wrap", gap: "4px" },
  letter: { minWidth: "32px", maxWidth: "40px", padding: "0 4px" },
  group: { display: "flex", flexDirection: "column", gap: "2px", margin: 0, padding: 0 },
  groupHead: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "baseline", flexWrap: "wrap", marginTop: tokens.spacingVerticalS },
  goalText: { color: tokens.colorNeutralForeground3, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", maxWidth: "100%" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
  finding: {
    display: "grid", gridTemplateColumns: "auto 1fr", gap: "2px 6px", width: "100%", textAlign: "left", cursor: "pointer",
    padding: "6px", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1, font: "inherit",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  selected: { border: `1px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  where: { gridColumn: "2", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export function ValidatePage({ model }: { model: PaneModel }): React.JSX.Element {
  const { lang, tr } = useLang();
  const ui = useUiStyles();
  const state = useObservable(model.stores.validate);
  const run = () => void model.stores.validate.run(() => model.services.validate(lang));
  const running = state.status === "running";
  return (
    <Section title={tr("pane.validate.title")}>
      <Caption1 className={ui.hint}>{tr("pane.validate.hint")}</Caption1>
      <div className={ui.row}>
        <Button appearance="primary" onClick={run} disabled={running} data-testid="validate-run">
          {running ? tr("pane.validate.running") : state.status === "done" ? tr("pane.validate.rerun") : tr("pane.validate.run")}
        </Button>
      </div>
      {running && <Working label={tr("pane.validate.running")} />}
      {state.status === "failed" && (
        <ProblemBar
          problem={state.problem}
          title={tr("pane.validate.failed")}
          actions={
            "key" in state.problem && state.problem.key === "validate.noPlan" ? (
              <Button size="small" onClick={() => model.page.set("plan")}>
                {tr("pane.validate.toPlan")}
              </Button>
            ) : undefined
          }
        />
      )}
      {state.status === "done" && <ValidationResult key={state.at} model={model} result={state.result} lang={lang} />}
    </Section>
  );
}

function ValidationResult({ model, result, lang }: { model: PaneModel; result: ValidateDone; lang: Lang }): React.JSX.Element {
  const { tr } = useLang();
  const s = useStyles();
  const ui = useUiStyles();
  const [letters, setLetters] = React.useState<ReadonlySet<Criterion>>(new Set(CRITERIA));
  const [severities, setSeverities] = React.useState<ReadonlySet<Severity>>(new Set(SEVERITIES));
  const [selected, setSelected] = React.useState<{ index: number; where: string } | null>(null);
  const [problem, setProblem] = React.useState<PaneProblem | null>(null);
  const { summary, validation } = result;
  const targets = result.tables.PlanTargets;
  const goalText = React.useMemo(() => {
    const m = new Map<number, string>();
    if (targets) {
      const b = bindTable(targets);
      for (const r of b.rows) m.set(r.row, asText(cellOf(b, r, "Goal")) ?? "");
    }
    return m;
  }, [targets]);

  const indexed = validation.findings.map((f, index) => ({ ...f, index }));
  const shown = indexed.filter((f) => letters.has(f.criterion) && severities.has(f.severity));
  const groups = groupFindings(validation.scores, shown);
  const maxCount = Math.max(1, ...summary.scoreDistribution);
  const toggle = <T,>(set: ReadonlySet<T>, v: T, apply: (s: ReadonlySet<T>) => void) => {
    const next = new Set(set);
    if (next.has(v)) next.delete(v);
    else next.add(v);
    apply(next);
  };
  const select = async (f: Finding & { index: number }) => {
    setProblem(null);
    try {
      const where = await model.services.selectFinding(result, f);
      if (where) setSelected({ index: f.index, where: qualifiedAddress(where) });
      else setProblem({ key: "pane.validate.tableGone", params: { table: f.table } });
    } catch (e) {
      setProblem(problemOf(e));
    }
  };
  const whereOf = (f: Finding) => {
    const w = findingAddress(result.tables, f);
    return w ? qualifiedAddress(w) : f.table;
  };
  const targetsSheet = targets?.sheet ?? "";

  const item = (f: Finding & { index: number }) => (
    <li key={f.index}>
      <button type="button" className={mergeClasses(s.finding, selected?.index === f.index && s.selected)} onClick={() => void select(f)} aria-pressed={selected?.index === f.index} data-testid="finding">
        <Badge appearance="filled" color={BADGE[f.severity]} shape="rounded" size="small">
          {f.code}
        </Badge>
        <span>{renderFinding(lang, f).message}</span>
        <span className={s.where}>
          {t(lang, `validate.severity.${f.severity}`)} · {whereOf(f)}
        </span>
      </button>
    </li>
  );

  const withFindings = groups.goals.filter((g) => g.findings.length > 0);
  const clean = groups.goals.length - withFindings.length;
  return (
    <div className={ui.section} data-testid="validate-result">
      <div className={s.summary} role="group" aria-label={tr("pane.validate.summary")}>
        {[
          ["pane.validate.goals", summary.goals],
          ["pane.validate.errors", summary.errors],
          ["pane.validate.warnings", summary.warnings],
          ["pane.validate.infos", summary.infos],
        ].map(([k, v]) => (
          <div key={k as string} className={s.tile} data-testid={`summary-${(k as string).split(".").pop()}`}>
            <span className={s.tileValue}>{v}</span>
            <Caption1>{tr(k as string)}</Caption1>
          </div>
        ))}
      </div>
      <div>
        <Caption1 as="p" id="score-dist">
          {tr("pane.validate.distribution")}
        </Caption1>
        <ul className={s.dist} aria-labelledby="score-dist">
          {[5, 4, 3, 2, 1, 0].map((score) => {
            const n = summary.scoreDistribution[score] ?? 0;
            return (
              <li key={score} className={s.distRow}>
                <span className={s.hidden}>{tr("pane.validate.scoreRow", { score, goals: n })}</span>
                <Caption1 aria-hidden>{score}/5</Caption1>
                <div aria-hidden>
                  <div className={s.bar} style={{ width: `${(n / maxCount) * 100}%`, opacity: n === 0 ? 0.25 : 1 }} />
                </div>
                <Caption1 aria-hidden>{n}</Caption1>
              </li>
            );
          })}
        </ul>
      </div>
      {result.wrote ? (
        <Caption1 data-testid="scores-written">{tr("pane.validate.wrote", { goals: summary.goals, column: SMART_HEADER, sheet: targetsSheet })}</Caption1>
      ) : result.writeError ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{say(lang, result.writeError)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {validation.findings.length === 0 ? (
        <DoneBar testId="no-findings" title={tr("pane.validate.clean", { goals: summary.goals })} />
      ) : (
        <>
          <div role="group" aria-label={tr("pane.validate.filterLetters")} className={s.filters}>
            {CRITERIA.map((c) => (
              <ToggleButton key={c} size="small" className={s.letter} checked={letters.has(c)} onClick={() => toggle(letters, c, setLetters)} title={tr(`pane.validate.letter.${c}`)} aria-label={tr(`pane.validate.letter.${c}`)}>
                {c}
              </ToggleButton>
            ))}
          </div>
          <div role="group" aria-label={tr("pane.validate.filterSeverity")} className={s.filters}>
            {SEVERITIES.map((sev) => (
              <ToggleButton key={sev} size="small" checked={severities.has(sev)} onClick={() => toggle(severities, sev, setSeverities)}>
                {t(lang, `validate.severity.${sev}`)} ({validation.findings.filter((f) => f.severity === sev).length})
              </ToggleButton>
            ))}
          </div>
          <Caption1 role="status" aria-live="polite" data-testid="selection">
            {selected ? tr("pane.validate.selected", { address: selected.where }) : tr("pane.validate.clickHint")}
          </Caption1>
          {problem && <ProblemBar problem={problem} />}
          {shown.length === 0 && <Caption1>{tr("pane.validate.noneShown")}</Caption1>}
          {withFindings.map((g) => (
            <section key={`g${g.row}`} className={s.group} aria-label={g.goalId ?? tr("pane.validate.noId", { row: g.row })}>
              <div className={s.groupHead}>
                <Body1>
                  <strong>{g.goalId ?? tr("pane.validate.noId", { row: g.row })}</strong>
                </Body1>
                <Caption1>
                  {tr("pane.validate.score", { score: g.score })}
                  {g.unmet.length > 0 ? ` · ${tr("pane.validate.unmet", { letters: g.unmet.join(" ") })}` : ""}
                </Caption1>
              </div>
              {goalText.get(g.row) && <Caption1 className={s.goalText}>{goalText.get(g.row)}</Caption1>}
              <ul className={s.list}>{g.findings.map(item)}</ul>
            </section>
          ))}
          {groups.other.length > 0 && (
            <section className={s.group} aria-label={tr("pane.validate.other")}>
              <div className={s.groupHead}>
                <Body1>
                  <strong>{tr("pane.validate.other")}</strong>
                </Body1>
              </div>
              <ul className={s.list}>{groups.other.map(item)}</ul>
            </section>
          )}
          {clean > 0 && <Caption1 className={ui.hint}>{tr("pane.validate.cleanGoals", { goals: clean })}</Caption1>}
        </>
      )}
      <Caption1 className={ui.hint}>{tr("pane.validate.afterFix")}</Caption1>
    </div>
  );
}
