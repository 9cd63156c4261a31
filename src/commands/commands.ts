/**
 * Ribbon commands (Home › SalesPlan): Check plan and Review this quarter. They run in the
 * shared runtime, in the task pane's page, on the same stores as the pane: a command opens
 * the pane on its page (add-in commands have no notification API, so the pane is where the
 * result shows, with progress while it runs), runs the action, and completes the event.
 * A command clicked while the same action runs does nothing more.
 */
import { todaySerial } from "../core/dates";
import { isError } from "../core/errors";
import { periodContaining } from "../core/periods";
import type { PaneSession } from "../taskpane/model";

/** The FunctionName of each ribbon button in manifest.xml. */
export const COMMAND_IDS = { checkPlan: "checkPlan", reviewQuarter: "reviewThisQuarter" } as const;

export interface CommandHost {
  session: PaneSession;
  /** Shows the task pane (Office.addin.showAsTaskpane in Excel). */
  showPane: () => Promise<void>;
  /** Today as a serial (tests pin it). */
  today?: () => number;
}

/** Check plan: opens the Validate page and validates (writing the SMART scores). */
export async function checkPlan(host: CommandHost): Promise<void> {
  const model = host.session.model.get();
  model.page.set("validate");
  await host.showPane().catch(() => undefined);
  await model.stores.validate.run(() => model.services.validate(host.session.lang.get()));
}

/** Review this quarter: opens the Review page and generates this (fiscal) quarter's review as of today. */
export async function reviewThisQuarter(host: CommandHost): Promise<void> {
  const model = host.session.model.get();
  const lang = host.session.lang.get();
  model.page.set("review");
  await host.showPane().catch(() => undefined);
  const today = (host.today ?? todaySerial)();
  await model.stores.review.run(async (progress) => {
    const status = await model.services.planStatus();
    const quarter = periodContaining("quarter", today, { fiscalStartMonth: status.settings.fiscalYearStartMonth });
    if (isError(quarter)) throw quarter;
    return model.services.generateReview({ period: quarter.label, asOf: today, lang, onProgress: progress });
  });
}

/** Registers the command handlers with Office (shared runtime: Office.actions.associate). */
export function registerCommands(host: CommandHost): void {
  const wrap = (fn: (h: CommandHost) => Promise<void>) => (event: Office.AddinCommands.Event) => {
    fn(host)
      .catch(() => undefined) // the pane shows the failure
      .finally(() => event.completed());
  };
  Office.actions.associate(COMMAND_IDS.checkPlan, wrap(checkPlan));
  Office.actions.associate(COMMAND_IDS.reviewQuarter, wrap(reviewThisQuarter));
}

/** Shows the task pane (SharedRuntime 1.1: Office.addin.showAsTaskpane). */
export async function showTaskpane(): Promise<void> {
  await Office.addin.showAsTaskpane();
}
