/**
 * The `salesplan` command line (../shared/spec/cli.md): the same core as the add-in, on
 * .xlsx files. Usage errors and bad input exit 2 with one line on stderr and no stack trace.
 */
import { Command, CommanderError } from "commander";
import { CliError } from "./errors";
import { registrars } from "./commands";
import { register as registerFn } from "./commands/fn";

/** Output streams, replaceable in tests. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (progress is shown only then). */
  isTTY: boolean;
}

export const processIO: CliIO = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};

let currentIO: CliIO = processIO;
let exitCode = 0;
/** The streams of the running command. */
export function io(): CliIO {
  return currentIO;
}

/** Sets the exit status the running command ends with (1: validate found an error). */
export function setExitCode(code: number): void {
  exitCode = code;
}

/** Builds the program with every command registered. */
export function buildProgram(): Command {
  const program = new Command("salesplan")
    .description("SalesPlan for Excel on the command line: plan templates, conversion, SMART validation, reviews and PLAN.* functions on .xlsx files.")
    .version(require("../../package.json").version as string)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io().stdout(s),
      writeErr: (s) => io().stderr(s),
    })
    .showSuggestionAfterError(true);
  registerFn(program);
  for (const r of registrars) r(program);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => io().stdout(s), writeErr: (s) => io().stderr(s) });
  return program;
}

/** Runs the CLI on `argv` (process.argv form) and returns the exit status. */
export async function run(argv: readonly string[], streams: CliIO = processIO): Promise<number> {
  currentIO = streams;
  exitCode = 0;
  try {
    const program = buildProgram();
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its one-line message; help and version are not errors.
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    if (e instanceof CliError) {
      streams.stderr(`salesplan: ${e.message}\n`);
      return e.exitCode;
    }
    streams.stderr(`salesplan: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  } finally {
    currentIO = processIO;
  }
}
