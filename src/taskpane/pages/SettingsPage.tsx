/**
 * Settings page: the pane's language (this machine), and the plan's settings read from and
 * written to the PlanSettings table (language of generated sheets, fiscal year start,
 * thresholds, currency). Saving writes only the Value cells that changed.
 */
import * as React from "react";
import { Button, Caption1, Field, Input, Radio, RadioGroup, Select, Spinner } from "@fluentui/react-components";
import type { PlanSettings } from "../../core/schema";
import type { SpecCell } from "../../core/sheets/spec";
import { LANGS, type Lang } from "../../i18n";
import type { PaneModel } from "../model";
import type { SettingKey, SettingsSnapshot } from "../services";
import { type PaneProblem, problemOf, useObservable } from "../store";
import { DoneBar, ProblemBar, Section, Working, listOf, useLang, useUiStyles } from "../ui";

interface Draft {
  language: Lang;
  fiscal: string;
  atRisk: string;
  maxGrowth: string;
  currency: string;
}

const pct = (x: number) => String(Number((x * 100).toFixed(4)));

function draftOf(s: PlanSettings): Draft {
  return { language: s.language, fiscal: String(s.fiscalYearStartMonth), atRisk: pct(s.atRiskThreshold), maxGrowth: pct(s.maxGrowth), currency: s.currency ?? "" };
}

/** Checks a draft: per field, a catalog key of what is wrong. */
export function draftProblems(d: Draft): Partial<Record<keyof Draft, string>> {
  const out: Partial<Record<keyof Draft, string>> = {};
  const atRisk = Number(d.atRisk);
  if (d.atRisk.trim() === "" || !Number.isFinite(atRisk) || atRisk <= 0 || atRisk > 100) out.atRisk = "pane.settings.badAtRisk";
  const growth = Number(d.maxGrowth);
  if (d.maxGrowth.trim() === "" || !Number.isFinite(growth) || growth < 0 || growth > 1000) out.maxGrowth = "pane.settings.badGrowth";
  return out;
}

/** The changed settings as PlanSettings Value cells. */
export function changedValues(before: Draft, after: Draft): Partial<Record<SettingKey, SpecCell>> {
  const out: Partial<Record<SettingKey, SpecCell>> = {};
  if (after.language !== before.language) out.Language = { t: "s", v: after.language };
  if (after.fiscal !== before.fiscal) out.FiscalYearStartMonth = { t: "n", v: Number(after.fiscal) };
  if (Number(after.atRisk) !== Number(before.atRisk)) out.AtRiskThreshold = { t: "n", v: Number(after.atRisk) / 100 };
  if (Number(after.maxGrowth) !== Number(before.maxGrowth)) out.MaxGrowth = { t: "n", v: Number(after.maxGrowth) / 100 };
  if (after.currency.trim() !== before.currency.trim()) out.Currency = after.currency.trim() === "" ? null : { t: "s", v: after.currency.trim() };
  return out;
}

export function SettingsPage({ model, onLang }: { model: PaneModel; onLang: (l: Lang) => void }): React.JSX.Element {
  const { lang, tr } = useLang();
  return (
    <>
      <Section title={tr("pane.settings.paneTitle")}>
        <RadioGroup value={lang} onChange={(_, d) => onLang(d.value as Lang)} aria-label={tr("pane.settings.paneLang")} data-testid="pane-lang">
          {LANGS.map((l) => (
            <Radio key={l} value={l} label={tr(`pane.lang.${l}`)} />
          ))}
        </RadioGroup>
        <Caption1>{tr("pane.settings.paneLangHint")}</Caption1>
      </Section>
      <PlanSettingsForm model={model} />
    </>
  );
}

function PlanSettingsForm({ model }: { model: PaneModel }): React.JSX.Element {
  const { lang, tr } = useLang();
  const ui = useUiStyles();
  const save = useObservable(model.stores.saveSettings);
  const version = useObservable(model.services.version);
  const [snap, setSnap] = React.useState<{ state: "loading" } | { state: "none" } | { state: "failed"; problem: PaneProblem } | { state: "ready"; snap: SettingsSnapshot; base: Draft }>({ state: "loading" });
  const [draft, setDraft] = React.useState<Draft | null>(null);

  React.useEffect(() => {
    let live = true;
    model.services.readSettings().then(
      (s) => {
        if (!live) return;
        if (!s) return setSnap({ state: "none" });
        const base = draftOf(s.settings);
        setSnap({ state: "ready", snap: s, base });
        setDraft((d) => d ?? base);
      },
      (e: unknown) => live && setSnap({ state: "failed", problem: problemOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [model, version]);

  const running = save.status === "running";
  const title = snap.state === "ready" ? tr("pane.settings.planTitleAt", { sheet: snap.snap.sheet }) : tr("pane.settings.planTitle");
  if (snap.state === "loading") return <Section title={title}><Spinner size="tiny" label={tr("pane.settings.reading")} data-testid="settings-loading" /></Section>;
  if (snap.state === "failed") return <Section title={title}><ProblemBar problem={snap.problem} title={tr("pane.settings.readFailed")} /></Section>;
  if (snap.state === "none")
    return (
      <Section title={title}>
        <Caption1 data-testid="settings-empty">{tr("pane.settings.noTable")}</Caption1>
        <div className={ui.row}>
          <Button onClick={() => model.page.set("plan")}>{tr("pane.settings.toPlan")}</Button>
        </div>
      </Section>
    );
  const d = draft ?? snap.base;
  const problems = draftProblems(d);
  const changes = changedValues(snap.base, d);
  const dirty = Object.keys(changes).length > 0;
  const set = (patch: Partial<Draft>) => {
    model.stores.saveSettings.reset();
    setDraft({ ...d, ...patch });
  };
  const submit = () => {
    if (!dirty || Object.keys(problems).length > 0) return;
    void model.stores.saveSettings.run(() => model.services.writeSettings(changes)).then((r) => r && setDraft(null));
  };
  const missing = new Set(snap.snap.missing);
  const field = (key: keyof Draft, settingKey: SettingKey) => ({
    validationState: problems[key] ? ("error" as const) : ("none" as const),
    validationMessage: problems[key] ? tr(problems[key]!) : missing.has(settingKey) ? tr("pane.settings.missingRow", { key: settingKey }) : undefined,
  });

  return (
    <Section title={title}>
      <Caption1 className={ui.hint}>{tr("pane.settings.planHint")}</Caption1>
      <div className={ui.fields}>
        <Field label={tr("pane.settings.sheetLang")} {...field("language", "Language")}>
          <Select value={d.language} onChange={(_, x) => set({ language: x.value as Lang })} disabled={running} data-testid="setting-language">
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {tr(`pane.lang.${l}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={tr("pane.plan.fiscalStart")} {...field("fiscal", "FiscalYearStartMonth")}>
          <Select value={d.fiscal} onChange={(_, x) => set({ fiscal: x.value })} disabled={running} data-testid="setting-fiscal">
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={String(i + 1)}>
                {tr(`pane.month.${i + 1}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={tr("pane.settings.atRisk")} hint={problems.atRisk ? undefined : tr("pane.settings.atRiskHint")} {...field("atRisk", "AtRiskThreshold")}>
          <Input type="number" inputMode="decimal" min={1} max={100} contentAfter="%" value={d.atRisk} onChange={(_, x) => set({ atRisk: x.value })} disabled={running} data-testid="setting-atrisk" />
        </Field>
        <Field label={tr("pane.settings.maxGrowth")} hint={problems.maxGrowth ? undefined : tr("pane.settings.maxGrowthHint")} {...field("maxGrowth", "MaxGrowth")}>
          <Input type="number" inputMode="decimal" min={0} max={1000} contentAfter="%" value={d.maxGrowth} onChange={(_, x) => set({ maxGrowth: x.value })} disabled={running} data-testid="setting-growth" />
        </Field>
        <Field label={tr("pane.settings.currency")} {...field("currency", "Currency")}>
          <Input value={d.currency} onChange={(_, x) => set({ currency: x.value })} disabled={running} data-testid="setting-currency" />
        </Field>
      </div>
      <div className={ui.row}>
        <Button appearance="primary" onClick={submit} disabled={running || !dirty || Object.keys(problems).length > 0} data-testid="settings-save">
          {running ? tr("pane.settings.saving") : tr("pane.settings.save")}
        </Button>
        <Button onClick={() => setDraft(snap.base)} disabled={running || !dirty}>
          {tr("pane.settings.undo")}
        </Button>
      </div>
      {running && <Working label={tr("pane.settings.saving")} />}
      {save.status === "failed" && <ProblemBar problem={save.problem} title={tr("pane.settings.saveFailed")} />}
      {save.status === "done" && (
        <DoneBar
          testId="settings-done"
          title={tr("pane.settings.saved", { sheet: save.result.sheet, cells: listOf(lang, save.result.written.map((w) => `${w.key} (${w.address})`)) })}
          lines={save.result.missing.length > 0 ? [tr("pane.settings.notSaved", { keys: listOf(lang, save.result.missing) })] : []}
          action={{ label: tr("pane.goToSheet"), onClick: () => void model.services.selectCell(save.result.sheet, save.result.written[0]?.address ?? "A1") }}
        />
      )}
    </Section>
  );
}
