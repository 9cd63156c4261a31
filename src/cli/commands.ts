/**
 * The CLI's commands, one module each under cli/commands/. Each exports `register(program)`.
 */
import type { Command } from "commander";
import { register as registerTemplate } from "./commands/template";
import { register as registerConvert } from "./commands/convert";
import { register as registerValidate } from "./commands/validate";
import { register as registerReview } from "./commands/review";
import { register as registerDemo } from "./commands/demo";

export type Registrar = (program: Command) => void;

export const registrars: Registrar[] = [registerTemplate, registerConvert, registerValidate, registerReview, registerDemo];
