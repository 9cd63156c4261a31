/**
 * Pieces every page uses: the language context, rendering a problem, the MessageBar that
 * reports a failure (saying what to do), a section with a heading, and a "working" line.
 */
import * as React from "react";
import {
  Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, ProgressBar, Subtitle2,
  makeStyles, tokens,
} from "@fluentui/react-components";
import { type Lang, render, t } from "../i18n";
import type { PaneProblem } from "./store";

export const LangContext = React.createContext<Lang>("en");

/** The pane's language and a translator bound to it. */
export function useLang(): { lang: Lang; tr: (key: string, params?: Record<string, string | number>) => string } {
  const lang = React.useContext(LangContext);
  return React.useMemo(() => ({ lang, tr: (key: string, params?: Record<string, string | number>) => t(lang, key, params) }), [lang]);
}

/** A problem as text in `lang`. */
export function say(lang: Lang, p: PaneProblem): string {
  return "key" in p ? render(lang, p) : p.text;
}

/** Items as a list in running text: `a, b, c` in English, `a、b、c` in Chinese. */
export function listOf(lang: Lang, items: readonly (string | number)[]): string {
  return items.join(lang === "zh-CN" ? "、" : ", ");
}

export const useUiStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  hint: { color: tokens.colorNeutralForeground3 },
  fields: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  multiline: { whiteSpace: "pre-line" },
});

/** A titled part of a page. */
export function Section(props: { title: string; id?: string; children: React.ReactNode }): React.JSX.Element {
  const s = useUiStyles();
  const headingId = React.useId();
  return (
    <section className={s.section} aria-labelledby={headingId} id={props.id}>
      <Subtitle2 as="h2" id={headingId}>
        {props.title}
      </Subtitle2>
      {props.children}
    </section>
  );
}

/** An error MessageBar: what went wrong and what to do; optional action buttons. */
export function ProblemBar(props: { problem: PaneProblem; title?: string; actions?: React.ReactNode; testId?: string }): React.JSX.Element {
  const { lang } = useLang();
  const s = useUiStyles();
  return (
    <MessageBar intent="error" layout="multiline" data-testid={props.testId ?? "problem"}>
      <MessageBarBody className={s.multiline}>
        {props.title && <MessageBarTitle>{props.title}</MessageBarTitle>}
        {say(lang, props.problem)}
      </MessageBarBody>
      {props.actions && <MessageBarActions>{props.actions}</MessageBarActions>}
    </MessageBar>
  );
}

/** A success MessageBar: what changed and where, with an optional "Go to sheet" action. */
export function DoneBar(props: { title: string; lines?: string[]; action?: { label: string; onClick: () => void }; testId?: string }): React.JSX.Element {
  const s = useUiStyles();
  return (
    <MessageBar intent="success" layout="multiline" data-testid={props.testId ?? "done"}>
      <MessageBarBody className={s.multiline}>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {props.lines && props.lines.length > 0 && <div>{props.lines.join("\n")}</div>}
      </MessageBarBody>
      {props.action && (
        <MessageBarActions>
          <Button size="small" onClick={props.action.onClick}>
            {props.action.label}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** A progress bar with what is being done (determinate when `value` is a number). */
export function Working(props: { label: string; value?: number | null; testId?: string }): React.JSX.Element {
  const s = useUiStyles();
  const value = props.value ?? undefined;
  return (
    <div role="status" aria-live="polite" data-testid={props.testId ?? "working"}>
      <ProgressBar value={value} max={1} thickness="large" aria-label={props.label} />
      <Caption1 className={s.hint}>
        {props.label}
        {value !== undefined ? ` ${Math.round(value * 100)}%` : ""}
      </Caption1>
    </div>
  );
}
