/**
 * The CLI's commands, one module each under cli/commands/. Each exports `register(program)`.
 */
import type { Command } from "commander";

export type Registrar = (program: Command) => void;

export const registrars: Registrar[] = [];
