/**
 * Plan page: what plan the workbook has; insert the plan template (language, sample, fiscal
 * start); convert a sheet of the user's own, with a mapping step the user confirms or
 * corrects before anything changes.
 */
import * as React from "react";
import {
  Body1, Button, Caption1, Checkbox, Field, Link, MessageBar, MessageBarBody, Select, Spinner,
  makeStyles, tokens,
} from "@fluentui/react-components";
import { CONVERT_KINDS, type ConvertKind, TABLE_OF_KIND } from "../../core/detect";
import { TABLES, type TableName } from "../../core/schema";
import type { ConvertPlan } from "../../core/convert";
import { copySheetName } from "../../core/sheets/names";
import { LANGS, type Lang, t } from "../../i18n";
import type { PaneModel } from "../model";
import type { ConvertDone, PlanStatus } from "../services";
import { type PaneProblem, problemOf, useObservable } from "../store";
import { DoneBar, ProblemBar, Section, Working, listOf, useLang, useUiStyles } from "../ui";

const useStyles = makeStyles({
  empty: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalM,
    border: `1px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium,
  },
  mapping: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground2, borderRadius: tokens.borderRadiusMedium },
  column: { gridTemplateColumns: "38% 62%", "& label": { overflowWrap: "anywhere" } },
});

/** The workbook's plan status, read again whenever the pane changes the workbook. */
export function usePlanStatus(model: PaneModel): { status: PlanStatus | null; problem: PaneProblem | null } {
  const version = useObservable(model.services.version);
  const [state, setState] = React.useState<{ status: PlanStatus | null; problem: PaneProblem | null }>({ status: null, problem: null });
  React.useEffect(() => {
    let live = true;
    model.services.planStatus().then(
      (status) => live && setState({ status, problem: null }),
      (e: unknown) => live && setState({ status: null, problem: problemOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [model, version]);
  return state;
}

export function PlanPage({ model }: { model: PaneModel }): React.JSX.Element {
  const { tr } = useLang();
  const s = useStyles();
  const { status, problem } = usePlanStatus(model);
  const go = (sheet: string) => void model.services.selectCell(sheet, "A1").catch(() => undefined);
  return (
    <>
      {problem ? (
        <ProblemBar problem={problem} title={tr("pane.plan.readFailed")} />
      ) : !status ? (
        <Spinner size="tiny" label={tr("pane.plan.reading")} data-testid="plan-loading" />
      ) : status.targetsSheet === null ? (
        <div className={s.empty} data-testid="plan-empty">
          <Body1>
            <strong>{tr("pane.plan.empty")}</strong>
          </Body1>
          <Caption1>{tr("pane.plan.emptyHint")}</Caption1>
        </div>
      ) : (
        <MessageBar intent="info" data-testid="plan-status">
          <MessageBarBody>
            {tr("pane.plan.has", { goals: status.goals, sheet: status.targetsSheet })}{" "}
            <Link as="button" onClick={() => go(status.targetsSheet!)}>
              {tr("pane.goToSheet")}
            </Link>
          </MessageBarBody>
        </MessageBar>
      )}
      <InsertTemplate model={model} status={status} />
      <ConvertSheet model={model} status={status} />
    </>
  );
}

function InsertTemplate({ model, status }: { model: PaneModel; status: PlanStatus | null }): React.JSX.Element {
  const { lang, tr } = useLang();
  const ui = useUiStyles();
  const state = useObservable(model.stores.insert);
  const [tplLang, setTplLang] = React.useState<Lang>(lang);
  const [sample, setSample] = React.useState(true);
  const [fiscal, setFiscal] = React.useState(1);
  const hasPlan = status?.targetsSheet != null;
  const running = state.status === "running";
  const insert = () =>
    void model.stores.insert.run(() => model.services.insertTemplate({ lang: tplLang, sample, fiscalStartMonth: fiscal }));
  // A workbook with a plan needs no template: say so instead of offering a form that would be refused.
  if (hasPlan && state.status === "idle")
    return (
      <Section title={tr("pane.plan.insertTitle")}>
        <Caption1 className={ui.hint} data-testid="insert-not-needed">
          {tr("pane.plan.insertNotNeeded")}
        </Caption1>
      </Section>
    );
  return (
    <Section title={tr("pane.plan.insertTitle")}>
      <Caption1 className={ui.hint}>{tr("pane.plan.insertHint")}</Caption1>
      <div className={ui.fields}>
        <Field label={tr("pane.plan.templateLang")}>
          <Select value={tplLang} onChange={(_, d) => setTplLang(d.value as Lang)} disabled={running}>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {tr(`pane.lang.${l}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={tr("pane.plan.fiscalStart")} hint={tr("pane.plan.fiscalHint")}>
          <Select value={String(fiscal)} onChange={(_, d) => setFiscal(Number(d.value))} disabled={running}>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={String(i + 1)}>
                {tr(`pane.month.${i + 1}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox checked={sample} onChange={(_, d) => setSample(d.checked === true)} label={tr("pane.plan.withSample")} disabled={running} />
      </div>
      <div className={ui.row}>
        <Button appearance="primary" onClick={insert} disabled={running || hasPlan} data-testid="insert-template">
          {running ? tr("pane.plan.inserting") : tr("pane.plan.insert")}
        </Button>
      </div>
      {running && <Working label={tr("pane.plan.inserting")} />}
      {state.status === "failed" && <ProblemBar problem={state.problem} title={tr("pane.plan.insertFailed")} />}
      {state.status === "done" && (
        <DoneBar
          testId="insert-done"
          title={t(lang, "plan.template.inserted", { sheets: listOf(lang, state.result.sheets.map((x) => x.sheet)) })}
          lines={[
            ...(state.result.kept.length > 0 ? [t(lang, "plan.template.skipped", { tables: listOf(lang, state.result.kept) })] : []),
            tr(sample ? "pane.plan.insertedNextSample" : "pane.plan.insertedNext"),
          ]}
          action={state.result.sheets[0] ? { label: tr("pane.goToSheet"), onClick: () => void model.services.selectCell(state.result.sheets[0]!.sheet, "A1") } : undefined}
        />
      )}
    </Section>
  );
}

/** The key names of a table's columns in the pane's language (Goal ID / 目标编号). */
function keyLabel(table: TableName, key: string, lang: Lang): string {
  const c = TABLES[table].columns.find((x) => x.key === key);
  return c ? (lang === "zh-CN" ? c.zh : c.en) : key;
}

function ConvertSheet({ model, status }: { model: PaneModel; status: PlanStatus | null }): React.JSX.Element {
  const { lang, tr } = useLang();
  const ui = useUiStyles();
  const reading = useObservable(model.stores.readSheet);
  const converting = useObservable(model.stores.convert);
  const version = useObservable(model.services.version);
  const [sheet, setSheet] = React.useState<string>("");
  const [active, setActive] = React.useState<string | null>(null);
  const [mapping, setMapping] = React.useState<{ plan: ConvertPlan; kind: ConvertKind; cols: Record<number, string | null>; keep: boolean } | null>(null);

  React.useEffect(() => {
    let live = true;
    model.services.activeSheet().then((a) => live && setActive(a), () => undefined);
    return () => {
      live = false;
    };
  }, [model, version]);

  const planSheets = new Set(status?.planSheets ?? []);
  const candidates = (status?.sheets ?? []).filter((x) => x.visible && !planSheets.has(x.name)).map((x) => x.name);
  const chosen = candidates.includes(sheet) ? sheet : active && candidates.includes(active) ? active : (candidates[0] ?? "");
  const busy = reading.status === "running" || converting.status === "running";

  const startMapping = (done: ConvertDone | undefined) => {
    if (!done) return;
    const cols: Record<number, string | null> = {};
    for (const c of done.plan.columns) if (!c.added) cols[c.col] = c.key;
    setMapping({ plan: done.plan, kind: done.plan.kind, cols, keep: true });
  };
  const read = (kind?: ConvertKind) => {
    model.stores.convert.reset();
    void model.stores.readSheet.run(() => model.services.previewConversion({ sheet: chosen, kind, lang })).then(startMapping);
  };
  const convert = () => {
    if (!mapping) return;
    const m = mapping;
    void model.stores.convert
      .run(() => model.services.convertSheet({ sheet: m.plan.sheet, kind: m.kind, headerRow: m.plan.headerRow, mapping: m.cols, keepOriginal: m.keep, lang }))
      .then((done) => done && setMapping(null));
  };

  return (
    <Section title={tr("pane.plan.convertTitle")}>
      <Caption1 className={ui.hint}>{tr("pane.plan.convertHint")}</Caption1>
      {candidates.length === 0 && status ? (
        <Caption1>{tr("pane.plan.noSheetToConvert")}</Caption1>
      ) : (
        <>
          <Field label={tr("pane.plan.sheet")}>
            <Select
              value={chosen}
              onChange={(_, d) => {
                setSheet(d.value);
                setMapping(null);
              }}
              disabled={busy || mapping !== null}
              data-testid="convert-sheet-select"
            >
              {candidates.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
          {mapping === null && (
            <div className={ui.row}>
              <Button onClick={() => read()} disabled={busy || !chosen} data-testid="convert-read">
                {tr("pane.plan.readHeaders")}
              </Button>
            </div>
          )}
        </>
      )}
      {reading.status === "running" && <Working label={tr("pane.plan.readingSheet", { sheet: chosen })} />}
      {reading.status === "failed" && mapping === null && <ProblemBar problem={reading.problem} title={tr("pane.plan.readFailedSheet")} />}
      {mapping && (
        <MappingStep
          mapping={mapping}
          busy={busy}
          onKind={(kind) => {
            setMapping(null);
            read(kind);
          }}
          onCol={(col, key) =>
            setMapping((m) => {
              if (!m) return m;
              const cols = { ...m.cols };
              // One column per key, as the conversion does: choosing a key takes it from another column.
              if (key !== null) for (const c of Object.keys(cols)) if (cols[Number(c)] === key) cols[Number(c)] = null;
              cols[col] = key;
              return { ...m, cols };
            })
          }
          onKeep={(keep) => setMapping((m) => (m ? { ...m, keep } : m))}
          onConvert={convert}
          onCancel={() => {
            setMapping(null);
            model.stores.readSheet.reset();
          }}
        />
      )}
      {converting.status === "running" && <Working label={tr("pane.plan.converting")} />}
      {converting.status === "failed" && <ProblemBar problem={converting.problem} title={tr("pane.plan.convertFailed")} />}
      {converting.status === "done" && <ConvertResult model={model} done={converting.result} lang={lang} />}
    </Section>
  );
}

function MappingStep(props: {
  mapping: { plan: ConvertPlan; kind: ConvertKind; cols: Record<number, string | null>; keep: boolean };
  busy: boolean;
  onKind: (k: ConvertKind) => void;
  onCol: (col: number, key: string | null) => void;
  onKeep: (keep: boolean) => void;
  onConvert: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { lang, tr } = useLang();
  const s = useStyles();
  const ui = useUiStyles();
  const { plan, kind, cols, keep } = props.mapping;
  const table = TABLE_OF_KIND[kind];
  const def = TABLES[table];
  const mappedKeys = new Set(Object.values(cols).filter((k): k is string => k !== null));
  const added = def.columns.filter((c) => c.required && !mappedKeys.has(c.key)).map((c) => keyLabel(table, c.key, lang));
  const original = copySheetName(plan.sheet, t(lang, "plan.convert.originalSuffix"), [plan.sheet]);
  const letter = (col: number) => {
    let x = col;
    let out = "";
    for (; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
    return out;
  };
  const confidence = (col: number, key: string | null) => {
    const c = plan.columns.find((x) => x.col === col);
    if (key === null) return tr("pane.plan.conf.none");
    if (!c || c.key !== key) return tr("pane.plan.conf.yours");
    return c.confidence >= 1 ? tr("pane.plan.conf.exact") : c.confidence >= 0.9 ? tr("pane.plan.conf.close") : tr("pane.plan.conf.alias");
  };
  return (
    <div className={s.mapping} data-testid="mapping-step" role="group" aria-label={tr("pane.plan.mappingTitle")}>
      <Body1>
        <strong>{tr("pane.plan.mappingTitle")}</strong>
      </Body1>
      <Caption1>{tr("pane.plan.mappingIntro", { sheet: plan.sheet, row: plan.headerRow, rows: plan.rows })}</Caption1>
      <Field label={tr("pane.plan.kind")}>
        <Select value={kind} onChange={(_, d) => props.onKind(d.value as ConvertKind)} disabled={props.busy} data-testid="mapping-kind">
          {CONVERT_KINDS.map((k) => (
            <option key={k} value={k}>
              {tr(`pane.plan.kind.${k}`)}
            </option>
          ))}
        </Select>
      </Field>
      {plan.columns
        .filter((c) => !c.added)
        .map((c) => {
          const key = cols[c.col] ?? null;
          const name = c.header || tr("pane.plan.blankHeader");
          return (
            <Field key={c.col} orientation="horizontal" className={s.column} label={`${letter(c.col)} · ${name}`} hint={confidence(c.col, key)}>
              <Select value={key ?? ""} onChange={(_, d) => props.onCol(c.col, d.value === "" ? null : d.value)} disabled={props.busy} data-testid={`mapping-col-${letter(c.col)}`}>
                <option value="">{tr("pane.plan.keepExtra")}</option>
                {def.columns
                  .filter((d) => d.type !== "formula")
                  .map((d) => (
                    <option key={d.key} value={d.key}>
                      {keyLabel(table, d.key, lang)}
                      {d.required ? ` *` : ""}
                    </option>
                  ))}
              </Select>
            </Field>
          );
        })}
      <Caption1 data-testid="mapping-added">{added.length > 0 ? tr("pane.plan.willAdd", { columns: listOf(lang, added) }) : tr("pane.plan.nothingAdded")}</Caption1>
      <Caption1 className={ui.hint}>{tr("pane.plan.requiredNote")}</Caption1>
      <Checkbox checked={keep} onChange={(_, d) => props.onKeep(d.checked === true)} label={tr("pane.plan.keepOriginal", { sheet: original })} disabled={props.busy} />
      <div className={ui.row}>
        <Button appearance="primary" onClick={props.onConvert} disabled={props.busy} data-testid="convert-confirm">
          {tr("pane.plan.convert", { table })}
        </Button>
        <Button onClick={props.onCancel} disabled={props.busy}>
          {tr("pane.cancel")}
        </Button>
      </div>
    </div>
  );
}

function ConvertResult({ model, done, lang }: { model: PaneModel; done: ConvertDone; lang: Lang }): React.JSX.Element {
  const p = done.plan;
  const lines: string[] = [];
  if (p.added.length > 0) lines.push(t(lang, "plan.convert.addedList", { keys: listOf(lang, p.added.map((k) => keyLabel(p.table, k, lang))) }));
  if (p.generatedIds.length > 0) lines.push(t(lang, "pane.plan.generatedIds", { ids: listOf(lang, p.generatedIds) }));
  if (p.unmapped.length > 0) lines.push(t(lang, "plan.convert.unmappedList", { headers: listOf(lang, p.unmapped) }));
  if (p.totalsRows.length > 0) lines.push(t(lang, "plan.convert.totals", { rows: listOf(lang, p.totalsRows.map((r) => r.to)) }));
  if (p.textDates.length > 0) lines.push(t(lang, "plan.convert.textDates", { cells: listOf(lang, p.textDates) }));
  lines.push(done.original ? t(lang, "plan.convert.original", { sheet: done.original }) : t(lang, "pane.plan.noOriginal"));
  return (
    <DoneBar
      testId="convert-done"
      title={t(lang, "plan.convert.done", { sheet: p.sheet, table: p.table, rows: p.rows, headerRow: p.headerRow })}
      lines={lines}
      action={{ label: t(lang, "pane.goToSheet"), onClick: () => void model.services.selectCell(p.sheet, "A1") }}
    />
  );
}
