/**
 * The request context and proxy-object machinery of the fake: Office.js's batching model.
 * Proxy objects queue commands; nothing reaches the workbook until `context.sync()`, and a
 * scalar property can be read only after `load()` and a `sync()`.
 * Docs:
 * - https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model
 *   (proxy objects, load, sync, *OrNullObject / isNullObject)
 * - https://learn.microsoft.com/javascript/api/office/officeextension.clientrequestcontext
 *   ("You must call context.sync() before reading the properties")
 * - https://learn.microsoft.com/javascript/api/office/officeextension.clientobject (isNullObject)
 * - https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 *   (Excel on the web: 5 MB per request and per response)
 */
import { FakeOfficeError, officeError, propertyNotLoaded } from "./errors";
import type { FakeWorkbookModel } from "./model";
import { jsonBytes } from "./parse";

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: number;
  calcSuspended: boolean;
  failed?: string;
}

export interface FakeStats {
  /** Excel.run calls. */
  runs: number;
  /** context.sync() calls (including the one Excel.run makes for commands still queued at its end). */
  syncs: number;
  /** One record per sync, in order. */
  perSync: SyncRecord[];
  /** Calls of application.suspendApiCalculationUntilNextSync(). */
  calcSuspensions: number;
}

export interface FakeConfig {
  /** Per request and per response; Excel on the web's is 5 MB. */
  payloadLimitBytes: number;
  /** Highest ExcelApi minor version supported (1.7 → 7); null: everything. */
  excelApiMinor: number | null;
}

export interface InjectedFailure {
  code: FakeOfficeError["code"];
  message: string;
  /** Fail the n-th sync from now (1 = the next one). */
  atSync: number;
}

/** What all contexts of one fake share. */
export interface FakeHost {
  model: FakeWorkbookModel;
  stats: FakeStats;
  config: FakeConfig;
  failures: InjectedFailure[];
  isSetSupported(name: string, minVersion?: string): boolean;
}

let globalSyncs = 0;
/** Syncs made by every fake in this process (a global counter for benchmarks). */
export function globalSyncCount(): number {
  return globalSyncs;
}

/** Minor version of an "1.x" requirement set version. */
export function apiMinor(version: string | undefined): number {
  const m = /^1\.(\d+)$/.exec(version ?? "1.1");
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
}

type Pending = () => void;

/** Any proxy object (T is only known to each class). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyClientObject = ClientObject<any>;

interface LoadOp {
  kind: "load";
  obj: AnyClientObject;
  paths: string[] | null;
}
interface ActionOp {
  kind: "action";
  label: string;
  bytes: number;
  run: () => void;
}
type Op = LoadOp | ActionOp;

export type LoadOption = string | string[] | { select?: string | string[]; expand?: string | string[] } | undefined;

function normalizeLoad(option: LoadOption): string[] | null {
  if (option === undefined || option === null) return null;
  const list = (x: string | string[]) => (Array.isArray(x) ? x : x.split(",")).map((s) => s.trim()).filter((s) => s !== "");
  if (typeof option === "string" || Array.isArray(option)) {
    const l = list(option);
    return l.length === 0 ? null : l;
  }
  const sel = option.select === undefined ? [] : list(option.select);
  const exp = option.expand === undefined ? [] : list(option.expand);
  const all = [...sel, ...exp];
  return all.length === 0 ? null : all;
}

/** Excel's 5,000,000-cell limit for one range read on the web. */
export const MAX_CELLS_PER_READ = 5_000_000;

export class FakeRequestContext {
  /** Syncs made through this context. */
  syncCount = 0;
  readonly trackedObjects = { add(): void {}, remove(): void {} };
  readonly debugInfo = {};
  readonly requestHeaders: Record<string, string> = {};
  private queue: Op[] = [];
  private closed = false;
  private calcSuspended = false;
  /** Set by the workbook module (avoids a circular import at load time). */
  workbook!: unknown;

  constructor(readonly host: FakeHost) {}

  get application(): unknown {
    return (this.workbook as { application: unknown }).application;
  }

  /** ctx.load(object, props) = object.load(props). */
  load<T extends { load(o?: LoadOption): unknown }>(object: T, option?: LoadOption): T {
    object.load(option);
    return object;
  }

  trace(_message: string): void {}

  _assertOpen(): void {
    if (this.closed) {
      // Objects of a finished Excel.run cannot be used again (InvalidRequestContext / InvalidObjectPath).
      // https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model
      throw officeError("InvalidRequestContext", "Cannot use the object across different request contexts.");
    }
  }

  _enqueueLoad(obj: AnyClientObject, option: LoadOption): void {
    this._assertOpen();
    this.queue.push({ kind: "load", obj, paths: normalizeLoad(option) });
  }

  /** Queues a command; `args` is what it sends to Excel (counted against the request limit). */
  _enqueue(label: string, args: unknown, run: () => void): void {
    this._assertOpen();
    this.queue.push({ kind: "action", label, bytes: jsonBytes(args) + label.length + 16, run });
  }

  _suspendCalculation(): void {
    this.calcSuspended = true;
    this.host.stats.calcSuspensions += 1;
  }

  _hasPending(): boolean {
    return this.queue.length > 0;
  }

  _close(): void {
    this.closed = true;
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    this._assertOpen();
    this.syncCount += 1;
    this.host.stats.syncs += 1;
    globalSyncs += 1;
    const ops = this.queue;
    this.queue = [];
    const record: SyncRecord = { requestBytes: 0, responseBytes: 0, ops: ops.length, calcSuspended: this.calcSuspended };
    this.calcSuspended = false;
    this.host.stats.perSync.push(record);
    await Promise.resolve();
    for (const f of this.host.failures) f.atSync -= 1;
    const injected = this.host.failures.find((f) => f.atSync === 0);
    this.host.failures = this.host.failures.filter((f) => f.atSync > 0);
    if (injected) {
      record.failed = injected.code;
      throw officeError(injected.code, injected.message);
    }
    const limit = this.host.config.payloadLimitBytes;
    record.requestBytes = ops.reduce((n, op) => n + (op.kind === "action" ? op.bytes : 32 + jsonBytes(op.paths)), 64);
    if (record.requestBytes > limit) {
      // https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
      record.failed = "RequestPayloadSizeLimitExceeded";
      throw officeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${record.requestBytes} > ${limit} bytes).`);
    }
    const pending: Pending[] = [];
    let current = "";
    try {
      // Commands run in order; on an error the ones before it stay applied and the rest are
      // dropped (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
      for (const op of ops) {
        if (op.kind === "action") {
          current = op.label;
          op.run();
        }
        else {
          current = `${op.obj._className}.load`;
          record.responseBytes += op.obj._execLoad(op.paths, pending);
          if (record.responseBytes > limit) {
            throw officeError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${record.responseBytes} > ${limit} bytes).`);
          }
        }
      }
    } catch (e) {
      record.failed = e instanceof FakeOfficeError ? e.code : "exception";
      // Office.js names the failing API in debugInfo.errorLocation.
      if (e instanceof FakeOfficeError && e.debugInfo.errorLocation === undefined && current) e.debugInfo.errorLocation = current;
      throw e;
    }
    for (const p of pending) p();
    return passThroughValue as T;
  }
}

/**
 * A proxy object. `T` is what it stands for in the model; it is found when a command that uses
 * it runs (at sync), not when the proxy is made, as in Office.js.
 */
export abstract class ClientObject<T> {
  protected readonly _loaded = new Map<string, unknown>();
  /** undefined until a sync told us; see isNullObject. */
  _isNull: boolean | undefined = undefined;
  private _cache: T | null | undefined = undefined;
  private readonly _childCache = new Map<string, AnyClientObject>();

  constructor(
    readonly context: FakeRequestContext,
    readonly _className: string,
    private readonly _resolver: () => T | null,
    /** Made by an *OrNullObject method: a missing target is a null object, not an error. */
    protected readonly _nullable = false,
  ) {
    if (_nullable) {
      // isNullObject is known after the next sync, without load
      // (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties).
      context._enqueue(`${_className}.probe`, null, () => {
        const t = this._resolveMaybe();
        this._isNull = t === null;
      });
    }
  }

  /** Scalar properties that load() can fetch, read from the model target. */
  protected abstract _readers(): Record<string, (t: T) => unknown>;
  /** Navigation properties (child proxies), for `load("format/font/bold")`. */
  protected _navigation(): Record<string, () => AnyClientObject> {
    return {};
  }
  /** Whether a cached target is still in the workbook (a deleted sheet is not). */
  protected _stillValid(_t: T): boolean {
    return true;
  }

  _resolveMaybe(): T | null {
    if (this._cache === undefined || (this._cache !== null && !this._stillValid(this._cache))) {
      this._cache = this._resolver();
    }
    return this._cache;
  }

  /** Sets the target directly (objects created by add/copy). */
  _bind(t: T): void {
    this._cache = t;
    this._isNull = false;
  }

  /** The model object; ItemNotFound when it does not exist. */
  _target(): T {
    const t = this._resolveMaybe();
    if (t === null) throw officeError("ItemNotFound", `The requested resource doesn't exist (${this._className}).`, this._className);
    return t;
  }

  /** A child proxy, made once per parent (as Office.js navigation properties are). */
  protected _child<C extends AnyClientObject>(name: string, make: () => C): C {
    let c = this._childCache.get(name);
    if (!c) {
      c = make();
      this._childCache.set(name, c);
    }
    return c as C;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded(this._className, "isNullObject");
    return this._isNull;
  }

  load(option?: LoadOption): this {
    this.context._enqueueLoad(this as AnyClientObject, option);
    return this;
  }

  /** A loaded (or locally set) property; PropertyNotLoaded otherwise. */
  protected _get<V>(prop: string): V {
    if (!this._loaded.has(prop)) throw propertyNotLoaded(this._className, prop);
    return this._loaded.get(prop) as V;
  }

  /**
   * Sets a property: Office.js keeps the value on the proxy and queues the write, which reaches
   * the workbook at the next sync.
   */
  protected _set(prop: string, value: unknown, apply: (t: T) => void): void {
    this._loaded.set(prop, value);
    this.context._enqueue(`${this._className}.${prop}`, value, () => apply(this._target()));
  }

  /** Queues a method call. */
  protected _call(method: string, args: unknown, apply: (t: T) => void): void {
    this.context._enqueue(`${this._className}.${method}`, args, () => apply(this._target()));
  }

  /** Runs a load at sync time; returns the bytes it adds to the response. */
  _execLoad(paths: string[] | null, pending: Pending[]): number {
    const t = this._nullable ? this._resolveMaybe() : this._target();
    if (t === null) {
      pending.push(() => (this._isNull = true));
      return 8;
    }
    pending.push(() => (this._isNull = false));
    const readers = this._readers();
    const nav = this._navigation();
    let bytes = 0;
    for (const p of paths ?? Object.keys(readers)) {
      const slash = p.indexOf("/");
      if (slash > 0) {
        const head = p.slice(0, slash);
        const make = nav[head];
        if (!make) throw officeError("InvalidArgument", `Cannot load '${p}' on ${this._className}.`);
        bytes += make()._execLoad([p.slice(slash + 1)], pending);
        continue;
      }
      const read = readers[p];
      if (read) {
        const v = structuredClone(read(t));
        pending.push(() => this._loaded.set(p, v));
        bytes += jsonBytes(v) + p.length + 4;
      } else if (nav[p]) {
        bytes += nav[p]()._execLoad(null, pending);
      } else {
        throw officeError("InvalidArgument", `The property '${p}' does not exist on ${this._className}.`);
      }
    }
    return bytes;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** A collection proxy: `items` after load; `load("name")` or `load("items/name")` loads items' properties. */
export abstract class ClientCollection<T, I extends AnyClientObject> extends ClientObject<T> {
  private _items: I[] | undefined;

  protected abstract _list(t: T): I[];

  protected _readers(): Record<string, (t: T) => unknown> {
    return {};
  }

  get items(): I[] {
    if (this._items === undefined) throw propertyNotLoaded(this._className, "items");
    return this._items;
  }

  override _execLoad(paths: string[] | null, pending: Pending[]): number {
    const t = this._target();
    const items = this._list(t);
    pending.push(() => {
      this._items = items;
      this._isNull = false;
    });
    let itemPaths: string[] | null = null;
    if (paths !== null) {
      const stripped = paths.map((p) => (p === "items" ? "" : p.startsWith("items/") ? p.slice(6) : p)).filter((p) => p !== "");
      itemPaths = stripped.length === 0 ? null : stripped;
    }
    let bytes = 16;
    for (const item of items) bytes += item._execLoad(itemPaths, pending);
    return bytes;
  }

  /** ClientResult of getCount(). */
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.context._enqueue(`${this._className}.getCount`, null, () => {
      const n = this._list(this._target()).length;
      result._set(n);
    });
    return result;
  }
}

/** OfficeExtension.ClientResult: `.value` after sync. */
export class ClientResult<V> {
  private _has = false;
  private _value: V | undefined;
  _set(v: V): void {
    this._has = true;
    this._value = v;
  }
  get value(): V {
    if (!this._has) throw propertyNotLoaded("ClientResult", "value");
    return this._value as V;
  }
}

/**
 * Fails at sync when the configured host lacks the requirement set (ExcelApi 1.minor):
 * Office reports ApiNotFound for an API the host does not implement.
 * Docs: https://learn.microsoft.com/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements
 * and https://learn.microsoft.com/javascript/api/excel/excel.errorcodes (apiNotFound).
 */
export function requireApi(context: FakeRequestContext, minor: number, what: string): void {
  const max = context.host.config.excelApiMinor;
  if (max !== null && minor > max) {
    throw officeError("ApiNotFound", `The API you are trying to use could not be found (${what} needs ExcelApi 1.${minor}; this host has 1.${max}).`);
  }
}
