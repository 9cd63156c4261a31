/**
 * Generators shared by the fuzz suite: the strings people paste into cells (CRM exports,
 * hand-typed notes), grammar-shaped noise for the parsers, and header spellings.
 * Every fuzz property runs a fixed number of cases (FUZZ_RUNS) so the suite's time is known;
 * fast-check prints the seed and path of any failure (`{ seed, path }` to replay it).
 */
import fc from "fast-check";

/** Cases per property, scaled by FUZZ_SCALE (e.g. FUZZ_SCALE=10 for a long local run). */
export function runs(n: number): number {
  const scale = Number(process.env.FUZZ_SCALE ?? "1");
  return Math.max(1, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** Text that looks like something else to a spreadsheet: numbers, dates, booleans, errors, formulas. */
export const LOOKALIKES = [
  "00123", "0", "-0", "1e5", "1E-3", "12,345.60", "+5", "-5", "-abc", "3.14", ".5", "5.", "50%", "$100", "¥1,000", "(100)", " 42 ",
  "2026-12-31", "2026/1/2", "12/31/2026", "31/12/2026", "2026-02-30", "2026年9月30日", "2026-09-30T10:30:00Z", "10:30", "Q3 2026", "2026-Q3",
  "TRUE", "false", "True", "#N/A", "#DIV/0!", "#REF!", "#NAME?", "#VALUE!",
  "=1+1", "=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(A1)", "@", "=", "+", "-", "'quoted", "''",
  "", " ", "\t", "Total", "合计", "null", "undefined", "NaN", "Infinity", "-Infinity", "0x1F", "1_000", "١٢٣", "１２３",
] as const;

/** Characters that matter to Excel's criteria, formulas, XML or JSON. */
const SPECIALS = [
  "\"", "'", "*", "?", "~", "=", "+", "-", "@", "&", "<", ">", "\\", "/", "[", "]", ":", ";", ",", "%", "#", "$", "{", "}", "|", "^", "!", "_", "\n", "\t", " ", "\u3000", "\u00a0",
  // Pasted from other systems: carriage returns, control characters, and text in OOXML's own escape form.
  "\r\n", "\r", "\u000b", "\u0001", "\u001f", "\u007f", "_x0041_", "_x000D_",
];

/** What an .xlsx written by ExcelJS 4.4 cannot hold as typed (see the xlsx test in text-cells.fuzz.test.ts). */
export const XLSX_UNSAFE = /[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|_x[0-9A-Fa-f]{4}_/;
/** CJK, full-width forms, emoji (outside the BMP, and with joiners and variation selectors), RTL text, combining marks. */
const WORDS = ["销售额", "华东", "目标", "复盘", "２０２６", "ＡＢＣ", "Ｑ３", "📈", "👩‍💻", "🇨🇳", "❤️", "𠜎", "שלום", "مرحبا", "é", "é", "Ω", "ß", "İ", "ı", "Å", "Pro*Max", "A?B", "x~y", "O'Brien", "\"quoted\"", "a\u200bb"];

/** One piece of a user string. */
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...LOOKALIKES) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }) },
);

/**
 * A string a user might have in a cell: a lookalike as it is, a lookalike with a prefix or a
 * suffix, pieces of the above, or something very long. Never a lone surrogate (a file cannot
 * hold one; tested apart where it matters).
 */
export const userString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...LOOKALIKES) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom("=", "+", "-", "@", "'", " ", ""), fc.constantFrom(...LOOKALIKES, ...WORDS)).map(([a, b]) => a + b) },
  { weight: 6, arbitrary: fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.tuple(piece, fc.integer({ min: 200, max: 32_767 })).map(([p, n]) => (p || "x").repeat(Math.ceil(n / Math.max(1, (p || "x").length))).slice(0, n)) },
).filter((s) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s));

/** A user string that is not blank (a blank cell is not text). */
export const nonBlankUserString = userString.filter((s) => s !== "");

/** Grammar tokens of periods and dates, to build strings that reach deep into the parsers. */
const PERIOD_TOKENS = [
  "FY", "fy", "Ｆ", "Y", "20", "26", "2026", "1900", "1899", "9999", "10000", "0000", "-", "/", ".", "..", " ", "  ", "\t", "\u3000", "Q", "q", "H", "h",
  "1", "2", "3", "4", "5", "0", "12", "13", "09", "9", "年", "年度", "财年", "財年", "第", "季度", "季", "上半年", "下半年", "半年", "月", "月份", "日", "号",
  "一", "二", "三", "四", "五", "MTD", "QTD", "YTD", "FQTD", "FYTD", "constructor", "__proto__", "T", "10:30", ":", "Z", "+08:00", "PM", "上午", "下午", "时", "分", "秒",
  "２０２６", "－", "／", "Ｑ３",
];

/** A string of period/date grammar tokens in random order. */
export const grammarNoise: fc.Arbitrary<string> = fc.array(fc.constantFrom(...PERIOD_TOKENS), { minLength: 1, maxLength: 9 }).map((t) => t.join(""));

/** Any JavaScript number, the odd ones included. */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer({ min: -1_000_000, max: 3_000_000 }),
  fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, 2026, 2026.5, 60, 61, 2_958_465, 2_958_466),
);

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const YEARS = ["2026", "1900", "1901", "1899", "9999", "10000", "0000", "0001", "2000", "2099", "26", "99", "00", "２０２６"];
const SMALL = ["0", "1", "2", "3", "4", "5", "01", "02", "09", "9", "10", "11", "12", "13", "28", "29", "30", "31", "32", "一", "二", "三", "四", "五"];

/** Text shaped like a date, near and at the edges: impossible days, time suffixes, full-width digits. */
export const dateLike: fc.Arbitrary<string> = fc
  .tuple(
    pick(YEARS), pick(SMALL), pick(SMALL), pick(["-", "/", "年", ".", "-/"]),
    pick(["", "日", "号", " ", "T10:30", " 10:30", " 23:59:59", " 24:00", " 10:60", " 10:30 PM", " 13:00 pm", "T10:30:00Z", "T10:30+08:00", " 下午3:00", "10时30分", " 10点", "x", " 10:30 junk"]),
  )
  .map(([y, m, d, sep, tail]) => (sep === "年" ? `${y}年${m}月${d}${tail}` : `${y}${sep.slice(0, 1)}${m}${sep.slice(-1)}${d}${tail}`));

/** Text shaped like a period of review.md's grammar, near and at the edges. */
export const periodLike: fc.Arbitrary<string> = fc
  .tuple(
    pick(YEARS), pick(SMALL),
    pick(["Y", "FY", "FY ", "-Q", "Q", " Q", "-H", "H", "q", "Q_pre", "H_pre", "Q_fy", "年第季度", "年季度", "财年第季度", "年上半年", "年下半年", "财年", "年度", "年月", "年月份", "-M", "/M", "range", "todate"]),
    dateLike, dateLike, pick(["MTD", "QTD", "YTD", "FQTD", "FYTD", "mtd", "Ytd"]),
  )
  .map(([y, n, form, d1, d2, td]) => {
    switch (form) {
      case "Y": return y;
      case "FY": return `FY${y}`;
      case "FY ": return `FY ${y}`;
      case "Q_pre": return `Q${n} ${y}`;
      case "H_pre": return `H${n} ${y}`;
      case "Q_fy": return `Q${n} FY${y}`;
      case "年第季度": return `${y}年第${n}季度`;
      case "年季度": return `${y}年${n}季度`;
      case "财年第季度": return `${y}财年第${n}季度`;
      case "年上半年": return `${y}年上半年`;
      case "年下半年": return `${y}年下半年`;
      case "财年": return `${y}财年`;
      case "年度": return `${y}年度`;
      case "年月": return `${y}年${n}月`;
      case "年月份": return `${y}年${n}月份`;
      case "-M": return `${y}-${n}`;
      case "/M": return `${y}/${n}`;
      case "range": return `${d1}..${d2}`;
      case "todate": return td;
      default: return `${y}${form}${n}`;
    }
  });

/** A small random edit: case, spaces, full width, a character dropped or doubled. */
export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.nat(), pick(["none", "none", "upper", "lower", "space", "wide", "drop", "double", "ideographic"])).map(([s, at, how]) => {
    const i = s.length === 0 ? 0 : at % s.length;
    switch (how) {
      case "upper": return s.toUpperCase();
      case "lower": return s.toLowerCase();
      case "space": return `${s.slice(0, i)} ${s.slice(i)}`;
      case "wide": return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      case "drop": return s.slice(0, i) + s.slice(i + 1);
      case "double": return s.slice(0, i) + (s[i] ?? "") + s.slice(i);
      case "ideographic": return `\u3000${s}\u3000`;
      default: return s;
    }
  });
}

// ---- dimension values of plans (review fuzzing: the live Actual formula and the cells it reads) ----

/** Pieces of a dimension value that matter to a live `=` formula: quotes, wildcards and `~`, CJK, emoji, digits, separators. */
const DIMENSION_PIECES = [
  "\"", "'", "*", "?", "~", "~*", "~?", "\"\"", "华东", "区", "销售额", "产品", "📈", "👩‍💻", "🇨🇳", "❤️", "𠜎", "East", "west", "Pro", "Max",
  "a", "B", "ＡＢＣ", "00", "0", "1", "42", "3.5", "1E3", "e5", ".", ",", "%", "$", "#", "[", "]", "&", "<>", "<", ">", " ", "/", ":", "!", "(", ")", "{", "}",
  // Case folding that depends on the character's neighbours or changes its length: ΟΣ = οσ (JavaScript lower-cases a final Σ to ς), İ ≠ i̇.
  "ΟΣ", "ς", "İ", "i\u0307",
];

/** Dimension texts a spreadsheet would read as something else if typed: numbers, dates, times, booleans, errors, formulas, criteria. */
const DIMENSION_LOOKALIKES = [
  "00123", "123", "1", "0", "-0", "-5", "+44", "1E3", "1e-3", "12,345.60", "50%", "$100", "(100)", " 42 ", "3.14", ".5", "2026-01-05", "2026/1/5", "1/5/2026",
  "2026年1月5日", "10:30", "TRUE", "false", "#N/A", "#DIV/0!", "=1+1", "=A1", "=SUM(1,2)", "+1+1", "-1+1", "@SUM(A1)", "@home", "=", "+", "-", "@", "'quoted",
  "Pro*Max", "A?C", "~x", "~", "*", "?", "~*", "<>", ">0", "华东", "华东区", "📈", "Q3 2026",
];

/**
 * A dimension text (never empty, never XLSX_UNSAFE): a lookalike, pieces after an optional
 * leading `=`/`+`/`-`/`@`, or one piece repeated past Excel's 255-character limit of a
 * formula text constant.
 */
export const dimensionText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DIMENSION_LOOKALIKES) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom("=", "+", "-", "@", "", "", "", ""), fc.array(fc.constantFrom(...DIMENSION_PIECES), { minLength: 1, maxLength: 5 }))
      .map(([lead, p]) => lead + p.join("")),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...DIMENSION_PIECES.filter((p) => p.trim() !== "")), fc.integer({ min: 250, max: 600 })).map(([p, n]) => p.repeat(Math.ceil(n / p.length))),
  },
).filter((s) => s !== "" && !XLSX_UNSAFE.test(s));

/**
 * True for a number a cell can be given: at most 9.99999999999999E+307 in magnitude (Excel's
 * specifications). Subnormal doubles are allowed: Excel stores them as 0, and so does the
 * engine (excelStored), which writes them to formulas as `0`.
 */
export const inExcelRange = (x: number): boolean => Math.abs(x) <= 9.99999999999999e307;

/** A double a cell can be given (see inExcelRange) between min and max. */
export const excelDouble = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).filter(inExcelRange);

/** A number in a dimension cell: codes, decimals, 0 (which equals a blank cell), a date serial, and huge and tiny ones. */
export const dimensionNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -1000, max: 100_000 }) },
  // 0.1 + 0.2 and 1 + 2^-52: a few bits from 0.3 and 1 (equal to Excel's `=`); 7E-323 and 5E-324: subnormal, stored as 0.
  { weight: 2, arbitrary: fc.constantFrom(0, 1, -1, 123, 1000, 0.5, 0.1, 0.3, 0.1 + 0.2, 1 + 2 ** -52, 46_027, 1e21, 2.5e-7, 7e-323, -5e-324) },
  { weight: 1, arbitrary: excelDouble(-1e6, 1e6) },
);

/** A dimension cell's value: mostly text, else a number or a boolean (FALSE equals a blank cell). */
export const dimensionValue: fc.Arbitrary<string | number | boolean> = fc.oneof(
  { weight: 8, arbitrary: dimensionText },
  { weight: 3, arbitrary: dimensionNumber },
  { weight: 1, arbitrary: fc.boolean() },
);

/** Serial day of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25_569;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Values close to `v` that a spreadsheet's `=` may or may not equal to it: case variants,
 * a space before or after, the text of a number and the number of a text ("1" vs 1), an
 * ISO date text and its date serial, TRUE as text and as 1. `v` itself is among them.
 */
export function nearMisses(v: string | number | boolean): (string | number | boolean)[] {
  const out: (string | number | boolean)[] = [v];
  if (typeof v === "string") {
    const swapped = [...v].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join("");
    out.push(v.toUpperCase(), v.toLowerCase(), swapped, `${v} `, ` ${v}`);
    const n = Number(v.trim());
    if (v.trim() !== "" && Number.isFinite(n)) out.push(n);
    const iso = ISO_DAY.exec(v);
    if (iso) out.push(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) / 86_400_000 + UNIX_EPOCH_SERIAL);
    if (/^(true|false)$/i.test(v)) out.push(/^true$/i.test(v));
  } else if (typeof v === "number") {
    out.push(String(v), `${v} `, v + 1);
    // A few bits apart, which Excel's `=` (15 significant digits) equals: only for a number of at most 15 digits,
    // whose neighbours are far from a 15-digit rounding boundary (where spreadsheets' approximate `=` differ).
    if (v !== 0 && Number(v.toPrecision(15)) === v) out.push(v + Math.abs(v) * 2 ** -52);
    if (v !== 0 && Math.abs(v) < 2.2250738585072014e-308) out.push(0); // a subnormal is 0 in a cell
    if (Number.isInteger(v) && v > 0 && v < 2_958_466) out.push(new Date((v - UNIX_EPOCH_SERIAL) * 86_400_000).toISOString().slice(0, 10));
  } else {
    out.push(v ? "TRUE" : "FALSE", v ? 1 : 0, !v);
  }
  return out.filter((x) => !(typeof x === "string" && (x === "" || XLSX_UNSAFE.test(x))));
}
