/**
 * Review page: pick a period (this / last month, quarter, year, or any period of the grammar
 * typed in English or Chinese, checked as it is typed), an as-of date (default today), and
 * generate the review sheet with a progress bar; the result says what was made and where.
 */
import * as React from "react";
import { Button, Caption1, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { isoFromSerial, parseTextDate, todaySerial } from "../../core/dates";
import { isError } from "../../core/errors";
import { type NamedPeriodKind, type Period, parsePeriod, periodContaining } from "../../core/periods";
import { type Lang, render, t } from "../../i18n";
import type { PaneModel } from "../model";
import { useObservable } from "../store";
import { DoneBar, ProblemBar, Section, Working, useLang, useUiStyles } from "../ui";
import { usePlanStatus } from "./PlanPage";

export type PeriodChoice = "thisMonth" | "thisQuarter" | "thisYear" | "lastMonth" | "lastQuarter" | "lastYear" | "custom";
const CHOICES: readonly PeriodChoice[] = ["thisMonth", "thisQuarter", "thisYear", "lastMonth", "lastQuarter", "lastYear", "custom"];
const KIND: Record<Exclude<PeriodChoice, "custom">, [NamedPeriodKind, number]> = {
  thisMonth: ["month", 0], thisQuarter: ["quarter", 0], thisYear: ["year", 0], lastMonth: ["month", -1], lastQuarter: ["quarter", -1], lastYear: ["year", -1],
};

const useStyles = makeStyles({
  resolved: { color: tokens.colorNeutralForeground2 },
});

/** The period a choice stands for, as of `asOf`, with the plan's fiscal year start; an error text when it is none. */
export function resolvePeriod(choice: PeriodChoice, custom: string, asOf: number, fiscalStartMonth: number, lang: Lang): Period | { error: string } {
  if (choice === "custom") {
    if (custom.trim() === "") return { error: t(lang, "pane.review.typePeriod") };
    const p = parsePeriod(custom, { fiscalStartMonth, asOf });
    return isError(p) ? { error: p.msg ? render(lang, p.msg) : p.code } : p;
  }
  const [kind, offset] = KIND[choice];
  const p = periodContaining(kind, asOf, { fiscalStartMonth, offset });
  return isError(p) ? { error: p.msg ? render(lang, p.msg) : p.code } : p;
}

/** `2026-Q3 · 2026-07-01 – 2026-09-30` */
export function periodText(p: Period): string {
  return `${p.label} · ${isoFromSerial(p.start)} – ${isoFromSerial(p.end)}`;
}

export function ReviewPage({ model, today = todaySerial() }: { model: PaneModel; today?: number }): React.JSX.Element {
  const { lang, tr } = useLang();
  const ui = useUiStyles();
  const s = useStyles();
  const state = useObservable(model.stores.review);
  const { status } = usePlanStatus(model);
  const fiscal = status?.settings.fiscalYearStartMonth ?? 1;
  const [choice, setChoice] = React.useState<PeriodChoice>("thisQuarter");
  const [custom, setCustom] = React.useState("");
  const [asOfText, setAsOfText] = React.useState(isoFromSerial(today));
  const asOf = parseTextDate(asOfText);
  const period = asOf === null ? null : resolvePeriod(choice, custom, asOf, fiscal, lang);
  const running = state.status === "running";
  const ready = asOf !== null && period !== null && !("error" in period);
  const generate = () => {
    if (!ready || asOf === null) return;
    const p = period as Period;
    void model.stores.review.run((progress) => model.services.generateReview({ period: p.label, asOf, lang, onProgress: progress }));
  };
  const customId = React.useId();

  return (
    <Section title={tr("pane.review.title")}>
      <Caption1 className={ui.hint}>{tr("pane.review.hint")}</Caption1>
      <div className={ui.fields}>
        <Field label={tr("pane.review.period")}>
          <Select value={choice} onChange={(_, d) => setChoice(d.value as PeriodChoice)} disabled={running} data-testid="period-choice">
            {CHOICES.map((c) => {
              const p = c === "custom" || asOf === null ? null : resolvePeriod(c, "", asOf, fiscal, lang);
              return (
                <option key={c} value={c}>
                  {tr(`pane.review.choice.${c}`)}
                  {p && !("error" in p) ? ` (${p.label})` : ""}
                </option>
              );
            })}
          </Select>
        </Field>
        {choice === "custom" && (
          <Field
            label={tr("pane.review.customLabel")}
            hint={period && "error" in period ? undefined : tr("pane.review.customHint")}
            validationState={custom.trim() === "" ? "none" : period && "error" in period ? "error" : "success"}
            validationMessage={custom.trim() === "" ? undefined : period && "error" in period ? period.error : period ? periodText(period) : undefined}
          >
            <Input id={customId} value={custom} onChange={(_, d) => setCustom(d.value)} placeholder="2026-Q3 · FY2026 · 2026年第三季度" disabled={running} data-testid="period-custom" />
          </Field>
        )}
        {choice !== "custom" && period && !("error" in period) && (
          <Caption1 className={s.resolved} data-testid="period-resolved">
            {periodText(period)}
          </Caption1>
        )}
        <Field
          label={tr("pane.review.asOf")}
          hint={tr("pane.review.asOfHint")}
          validationState={asOf === null ? "error" : "none"}
          validationMessage={asOf === null ? tr("pane.review.badDate") : undefined}
        >
          <Input type="date" value={asOfText} onChange={(_, d) => setAsOfText(d.value)} disabled={running} data-testid="as-of" />
        </Field>
      </div>
      <div className={ui.row}>
        <Button appearance="primary" onClick={generate} disabled={running || !ready} data-testid="review-generate">
          {running ? tr("pane.review.generating") : tr("pane.review.generate")}
        </Button>
      </div>
      {fiscal !== 1 && <Caption1 className={ui.hint}>{tr("pane.review.fiscalNote", { month: tr(`pane.month.${fiscal}`) })}</Caption1>}
      {state.status === "running" && (
        <Working label={state.step ? tr(state.step) : tr("pane.review.generating")} value={state.progress} testId="review-progress" />
      )}
      {state.status === "failed" && <ProblemBar problem={state.problem} title={tr("pane.review.failed")} />}
      {state.status === "done" && (
        <DoneBar
          testId="review-done"
          title={tr(state.result.regenerated ? "pane.review.updated" : "pane.review.created", {
            label: state.result.label, goals: state.result.goals, offTrack: state.result.offTrack,
          })}
          lines={[
            tr("pane.review.where", { sheet: state.result.sheet }),
            ...(state.result.regenerated ? [tr("pane.review.carried", { goals: state.result.carried })] : []),
          ]}
          action={{ label: tr("pane.goToSheet"), onClick: () => void model.services.selectCell(state.result.sheet, "A1") }}
        />
      )}
    </Section>
  );
}
