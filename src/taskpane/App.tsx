import * as React from "react";
import { Body1, Caption1, FluentProvider, MessageBar, MessageBarBody, Spinner, Subtitle1, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { t } from "../i18n";
import type { HostInfo } from "./office-host";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL, minHeight: "100vh", boxSizing: "border-box" },
});

export interface AppProps {
  host: HostInfo;
  /** Resolves to the workbook's name (Excel) or the preview's in-memory workbook name. */
  workbookName: () => Promise<string>;
}

/** The task pane shell: Fluent UI following the Office theme, and which workbook it is on. */
export function App({ host, workbookName }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [name, setName] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    workbookName().then(setName, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [workbookName]);
  const lang = host.lang;
  return (
    <FluentProvider theme={host.dark ? webDarkTheme : webLightTheme} lang={lang}>
      <main className={styles.root} aria-label={t(lang, "pane.title")}>
        <Subtitle1 as="h1">{t(lang, "pane.title")}</Subtitle1>
        {!host.inExcel && (
          <MessageBar intent="warning">
            <MessageBarBody>{t(lang, "pane.preview")}</MessageBarBody>
          </MessageBar>
        )}
        {error ? (
          <MessageBar intent="error">
            <MessageBarBody>{t(lang, "pane.workbookError", { error })}</MessageBarBody>
          </MessageBar>
        ) : name === null ? (
          <Spinner size="tiny" label={t(lang, "pane.loading")} />
        ) : (
          <Body1 data-testid="workbook-name">{t(lang, "pane.workbook", { name })}</Body1>
        )}
        <Caption1>{t(lang, "pane.functionsHint")}</Caption1>
      </main>
    </FluentProvider>
  );
}
