/**
 * The task pane: Fluent UI following the Office theme and display language, four pages
 * (Plan, Validate, Review, Settings) in a tab list that fits a 320 px pane, and in the
 * browser preview a banner saying so plus a view of the in-memory workbook.
 */
import * as React from "react";
import {
  Button, Caption1, Field, FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Select, Subtitle1, Tab, TabList,
  type Theme, makeStyles, tokens, webDarkTheme, webLightTheme,
} from "@fluentui/react-components";
import { type Lang, t } from "../i18n";
import { PAGES, type PageId, type PaneModel, type PaneSession } from "./model";
import type { PaneTheme } from "./office-host";
import { PREVIEW_SCENARIOS, type PreviewScenario } from "./preview";
import { PreviewGrid } from "./PreviewGrid";
import { PlanPage } from "./pages/PlanPage";
import { ReviewPage } from "./pages/ReviewPage";
import { SettingsPage } from "./pages/SettingsPage";
import { ValidatePage } from "./pages/ValidatePage";
import { useObservable } from "./store";
import { LangContext, useLang, useUiStyles } from "./ui";

// Pages are imported statically: the initial bundle stays well under its 350 KB (gzip) budget
// (bench/pane.bench.ts measures it), and one bundle cannot go stale against its chunks in
// Office's web view cache.

const useStyles = makeStyles({
  root: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minHeight: "100vh", boxSizing: "border-box", maxWidth: "720px", minWidth: "280px",
  },
  header: { display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  name: { color: tokens.colorNeutralForeground3, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", maxWidth: "60%" },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`, flexWrap: "wrap" },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  previewRow: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-end", flexWrap: "wrap", marginTop: tokens.spacingVerticalXS },
  grow: { flexGrow: 1, minWidth: "140px" },
});

/** The Fluent theme for the Office theme: dark or light, on Office's own background colour when it gives one. */
export function fluentTheme(th: PaneTheme): Theme {
  const base = th.dark ? webDarkTheme : webLightTheme;
  if (!th.background || !th.foreground) return base;
  return { ...base, colorNeutralBackground1: th.background, colorNeutralForeground1: th.foreground };
}

export interface AppProps {
  session: PaneSession;
  /** Called when the user picks the pane's language in Settings. */
  onLang?: (lang: Lang) => void;
}

export function App({ session, onLang }: AppProps): React.JSX.Element {
  const model = useObservable(session.model);
  const lang = useObservable(session.lang);
  const theme = useObservable(session.theme);
  React.useEffect(() => {
    if (typeof document === "undefined") return;
    document.documentElement.lang = lang;
    document.title = t(lang, "pane.title");
  }, [lang]);
  const setLang = (l: Lang) => {
    session.lang.set(l);
    onLang?.(l);
  };
  return (
    <FluentProvider theme={fluentTheme(theme)} lang={lang} style={{ colorScheme: theme.dark ? "dark" : "light" }}>
      <LangContext.Provider value={lang}>
        <Pane key={model.id} session={session} model={model} onLang={setLang} />
      </LangContext.Provider>
    </FluentProvider>
  );
}

function Pane({ session, model, onLang }: { session: PaneSession; model: PaneModel; onLang: (l: Lang) => void }): React.JSX.Element {
  const s = useStyles();
  const { tr } = useLang();
  const page = useObservable(model.page);
  const [name, setName] = React.useState<string | null>(null);
  React.useEffect(() => {
    let live = true;
    model.services.port.workbookName().then((n) => live && setName(n), () => live && setName(""));
    return () => {
      live = false;
    };
  }, [model]);
  const select = (p: PageId) => model.page.set(p);
  return (
    <div className={s.root}>
      <header className={s.header}>
        <Subtitle1 as="h1">{tr("pane.title")}</Subtitle1>
        {name ? (
          <Caption1 className={s.name} title={name} data-testid="workbook-name">
            {name}
          </Caption1>
        ) : null}
      </header>
      {model.preview && <PreviewBanner session={session} scenario={model.preview.scenario} />}
      <TabList className={s.tabs} selectedValue={page} onTabSelect={(_, d) => select(d.value as PageId)} size="small" aria-label={tr("pane.pages")}>
        {PAGES.map((p) => (
          <Tab key={p} value={p} id={`tab-${p}`} data-testid={`tab-${p}`}>
            {tr(`pane.page.${p}`)}
          </Tab>
        ))}
      </TabList>
      <main className={s.panel} role="tabpanel" aria-labelledby={`tab-${page}`} data-testid={`page-${page}`}>
        {page === "plan" && <PlanPage model={model} />}
        {page === "validate" && <ValidatePage model={model} />}
        {page === "review" && <ReviewPage model={model} />}
        {page === "settings" && <SettingsPage model={model} onLang={onLang} />}
      </main>
      {model.preview && <PreviewGrid workbook={model.preview.workbook} version={model.services.version} onActivate={() => model.services.version.set(model.services.version.get() + 1)} />}
    </div>
  );
}

function PreviewBanner({ session, scenario }: { session: PaneSession; scenario: PreviewScenario }): React.JSX.Element {
  const s = useStyles();
  const ui = useUiStyles();
  const { tr } = useLang();
  const [choice, setChoice] = React.useState<PreviewScenario>(scenario);
  const [busy, setBusy] = React.useState(false);
  const restart = () => {
    if (!session.resetPreview || busy) return;
    setBusy(true);
    session.resetPreview(choice).finally(() => setBusy(false));
  };
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="preview-banner">
      <MessageBarBody>
        <MessageBarTitle>{tr("pane.preview.title")}</MessageBarTitle>
        <div className={ui.hint}>{tr("pane.preview.body")}</div>
        <div className={s.previewRow}>
          <Field label={tr("pane.preview.workbook")} className={s.grow} size="small">
            <Select size="small" value={choice} onChange={(_, d) => setChoice(d.value as PreviewScenario)} data-testid="preview-scenario">
              {PREVIEW_SCENARIOS.map((x) => (
                <option key={x} value={x}>
                  {tr(`pane.preview.scenario.${x}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Button size="small" onClick={restart} disabled={busy} data-testid="preview-restart">
            {tr("pane.preview.restart")}
          </Button>
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
