/**
 * Office.js errors turned into messages a user can act on, in both languages (src/i18n,
 * catalog messages/excel.ts). Office.js rejects `context.sync()` with an OfficeExtension.Error
 * whose `code` names what went wrong and whose `debugInfo.errorLocation` names the API:
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 * and https://learn.microsoft.com/javascript/api/excel/excel.errorcodes.
 */
import type { Msg } from "../../core/errors";
import { t } from "../../i18n";

/** An error of the Excel port: `msg` renders in the user's language; `message` is English. */
export class ExcelPortError extends Error {
  override readonly name = "ExcelPortError";
  constructor(
    readonly msg: Msg,
    /** The Office.js error code behind it, when there is one. */
    readonly officeCode: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(t("en", msg.key, msg.params), options);
  }
}

/** What an operation was about, to name it in the message. */
export interface ErrorSubject {
  sheet?: string;
  table?: string;
  address?: string;
}

export interface OfficeLikeError {
  code: string;
  message?: string;
  debugInfo?: { errorLocation?: string };
}

/** True for an error shaped like Office.js's (a string `code`). */
export function isOfficeError(e: unknown): e is OfficeLikeError {
  return typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string";
}

/** Makes a port error from a message key. */
export function portError(key: string, params?: Record<string, string | number>, officeCode: string | null = null, cause?: unknown): ExcelPortError {
  return new ExcelPortError(params ? { key, params } : { key }, officeCode, cause === undefined ? undefined : { cause });
}

/**
 * Maps an Office.js error to an ExcelPortError naming the sheet, table or address involved.
 * Errors that are not Office errors (a TypeError, say) are returned unchanged: they are bugs.
 */
export function toPortError(e: unknown, subject: ErrorSubject = {}): unknown {
  if (e instanceof ExcelPortError || !isOfficeError(e)) return e;
  const detail = e.message ?? e.code;
  const where = e.debugInfo?.errorLocation ?? "";
  const aboutTable = subject.table !== undefined && (subject.sheet === undefined || /table/i.test(where));
  switch (e.code) {
    case "ItemAlreadyExists":
      if (aboutTable) return portError("excel.err.tableExists", { name: subject.table! }, e.code, e);
      if (subject.sheet !== undefined) return portError("excel.err.sheetExists", { name: subject.sheet }, e.code, e);
      return portError("excel.err.itemExists", { name: subject.table ?? subject.address ?? "" }, e.code, e);
    case "ItemNotFound":
      if (aboutTable) return portError("excel.err.tableNotFound", { name: subject.table! }, e.code, e);
      if (subject.sheet !== undefined) return portError("excel.err.sheetNotFound", { name: subject.sheet }, e.code, e);
      return portError("excel.err.notFound", { name: subject.address ?? "" }, e.code, e);
    case "InvalidArgument":
    case "InvalidReference":
      if (subject.address !== undefined) return portError("excel.err.invalidAddress", { address: subject.address }, e.code, e);
      if (subject.sheet !== undefined) return portError("excel.err.invalidArgumentSheet", { name: subject.sheet, detail }, e.code, e);
      return portError("excel.err.invalidArgument", { detail }, e.code, e);
    case "AccessDenied":
      // Adding or copying a sheet is refused when the workbook's structure is protected; a
      // write is refused when its sheet is. Office.js names the failing API in errorLocation.
      if (/WorksheetCollection\.add|Worksheet\.copy/i.test(where)) return portError("excel.err.workbookProtected", undefined, e.code, e);
      if (subject.sheet !== undefined) return portError("excel.err.protected", { name: subject.sheet }, e.code, e);
      if (subject.table !== undefined) return portError("excel.err.protectedTable", { name: subject.table }, e.code, e);
      return portError("excel.err.protectedUnknown", undefined, e.code, e);
    case "GeneralException":
      return portError("excel.err.general", { detail }, e.code, e);
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
    case "RangeExceedsLimit":
      return portError("excel.err.tooLarge", { detail }, e.code, e);
    case "ApiNotFound":
      return portError("excel.err.apiMissing", { detail }, e.code, e);
    case "InvalidOperationInCellEditMode":
      return portError("excel.err.cellEditing", undefined, e.code, e);
    case "MergedRangeConflict":
    case "InvalidOperation":
      if (subject.table !== undefined && /table/i.test(where)) return portError("excel.err.overlap", { name: subject.table }, e.code, e);
      return portError("excel.err.unknown", { detail: `${e.code}: ${detail}` }, e.code, e);
    default:
      return portError("excel.err.unknown", { detail: `${e.code}: ${detail}` }, e.code, e);
  }
}

/** True for Office's payload-limit errors (the request or response was too big). */
export function isPayloadError(e: unknown): boolean {
  return isOfficeError(e) && (e.code === "RequestPayloadSizeLimitExceeded" || e.code === "ResponsePayloadSizeLimitExceeded");
}
