/**
 * CLI failure kinds (../shared/spec/cli.md): bad usage or bad input exit 2 with one clear
 * line on stderr and no stack trace; `validate` exits 1 when it finds an error.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}
