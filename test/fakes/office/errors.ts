/**
 * Errors the fake raises, shaped like OfficeExtension.Error: a `code` from
 * OfficeExtension.ErrorCodes / Excel.ErrorCodes, a `message` and `debugInfo`.
 * Docs: https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 * (code, message, debugInfo) and https://learn.microsoft.com/javascript/api/excel/excel.errorcodes.
 */
export type FakeErrorCode =
  | "PropertyNotLoaded"
  | "ValueNotLoaded"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidReference"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "AccessDenied"
  | "GeneralException"
  | "ApiNotFound"
  | "InvalidRequestContext"
  | "RunMustReturnPromise"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "RangeExceedsLimit"
  | "MergedRangeConflict"
  | "InsertDeleteConflict"
  | "InvalidOperationInCellEditMode"
  | "InvalidSelection"
  | "NonBlankCellOffSheet"
  | "FakeUnsupported";

export class FakeOfficeError extends Error {
  override readonly name = "RichApi.Error";
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: FakeErrorCode,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.debugInfo = errorLocation === undefined ? { code, message } : { code, message, errorLocation };
  }
}

/** Reading a property before load() + sync(): OfficeExtension.ErrorCodes.propertyNotLoaded. */
export function propertyNotLoaded(className: string, prop: string): FakeOfficeError {
  // https://learn.microsoft.com/javascript/api/office/officeextension.clientrequestcontext
  // ("You must call context.sync() before reading the properties").
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${className}.${prop}`,
  );
}

export function officeError(code: FakeErrorCode, message: string, where?: string): FakeOfficeError {
  return new FakeOfficeError(code, message, where);
}

/** Something real Excel does that this fake does not model: fail loudly instead of guessing. */
export function unsupported(what: string): FakeOfficeError {
  return new FakeOfficeError("FakeUnsupported", `The Office.js fake does not model: ${what}`);
}
