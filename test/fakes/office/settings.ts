/**
 * Small proxy objects whose properties live in a plain settings object of the model: the
 * sub-objects of conditional formats (iconSet, dataBar, cellValue, custom, textComparison and
 * their format/font/fill), chart titles, and the like. They follow the same rules as every
 * proxy: writes are queued until sync, reads need load() + sync().
 * Docs: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-conditional-formatting
 */
import { type AnyClientObject, ClientObject, type FakeRequestContext } from "./context";

export interface Shape {
  scalars: readonly string[];
  children?: Readonly<Record<string, Shape>>;
  methods?: Readonly<Record<string, (container: Record<string, unknown>, args: unknown[]) => void>>;
}

/** A settings proxy: any declared scalar can be set and (after load) read; children are proxies too. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SettingsProxy = ClientObject<Record<string, unknown>> & Record<string, any>;

function ensureObject(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = parent[key];
  if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  const o: Record<string, unknown> = {};
  parent[key] = o;
  return o;
}

class SettingsObject extends ClientObject<Record<string, unknown>> {
  constructor(
    context: FakeRequestContext,
    className: string,
    resolver: () => Record<string, unknown> | null,
    readonly _shape: Shape,
    readonly _beforeWrite: () => void,
  ) {
    super(context, className, resolver);
  }

  protected _readers(): Record<string, (t: Record<string, unknown>) => unknown> {
    return Object.fromEntries(this._shape.scalars.map((k) => [k, (t: Record<string, unknown>) => t[k] ?? null]));
  }

  protected override _navigation(): Record<string, () => AnyClientObject> {
    return Object.fromEntries(Object.keys(this._shape.children ?? {}).map((k) => [k, () => this._sub(k)]));
  }

  _sub(key: string): SettingsProxy {
    const shape = this._shape.children?.[key];
    if (!shape) throw new Error(`no child ${key}`);
    return this._child(key, () =>
      makeSettingsProxy(this.context, `${this._className}.${key}`, () => ensureObject(this._target(), key), shape, this._beforeWrite),
    ) as SettingsProxy;
  }

  _read(prop: string): unknown {
    return this._get(prop);
  }

  _write(prop: string, value: unknown): void {
    this._set(prop, value, (t) => {
      this._beforeWrite();
      t[prop] = structuredClone(value);
    });
  }

  _invoke(name: string, args: unknown[], fn: (c: Record<string, unknown>, a: unknown[]) => void): void {
    this._call(name, args, (t) => {
      this._beforeWrite();
      fn(t, args);
    });
  }
}

/** Makes a settings proxy over the object `resolve()` returns (resolved at sync). */
export function makeSettingsProxy(
  context: FakeRequestContext,
  className: string,
  resolve: () => Record<string, unknown> | null,
  shape: Shape,
  beforeWrite: () => void = () => {},
): SettingsProxy {
  const obj = new SettingsObject(context, className, resolve, shape, beforeWrite);
  return new Proxy(obj, {
    get(target, prop, receiver) {
      if (typeof prop === "string") {
        if (target._shape.scalars.includes(prop)) return target._read(prop);
        if (target._shape.children?.[prop]) return target._sub(prop);
        const m = target._shape.methods?.[prop];
        if (m) return (...args: unknown[]) => target._invoke(prop, args, m);
      }
      return Reflect.get(target, prop, receiver);
    },
    set(target, prop, value, receiver) {
      if (typeof prop === "string" && target._shape.scalars.includes(prop)) {
        target._write(prop, value);
        return true;
      }
      return Reflect.set(target, prop, value, receiver);
    },
  }) as SettingsProxy;
}

/** Font and fill of a conditional format (ConditionalRangeFormat). */
export const CONDITIONAL_RANGE_FORMAT: Shape = {
  scalars: ["numberFormat"],
  children: {
    font: { scalars: ["bold", "italic", "color", "strikethrough", "underline"], methods: { clear: (c) => { for (const k of Object.keys(c)) delete c[k]; } } },
    fill: { scalars: ["color"], methods: { clear: (c) => { delete c.color; } } },
  },
};
