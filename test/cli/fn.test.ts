/** `salesplan fn` as cli.md specifies it, run in-process. */
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(["node", "salesplan", ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
  return { code, out, err };
}

describe("salesplan fn", () => {
  it("answers the issue's example: 92 of 365 days of 1200", async () => {
    const r = await cli("fn", "PLAN.PRORATE", "1200", "2026-01-01", "2026-12-31", "2026-07-01", "2026-09-30");
    expect(r).toEqual({ code: 0, out: "302.4657534246575\n", err: "" });
  });
  it("prints JSON values and JSON errors, exit 0 either way", async () => {
    expect(await cli("fn", "PLAN.STATUS", "95", "100", "--json")).toEqual({ code: 0, out: '{"value":"At risk"}\n', err: "" });
    const e = await cli("fn", "PLAN.ATTAINMENT", "5", "0", "--json");
    expect(e.code).toBe(0);
    expect(JSON.parse(e.out)).toEqual({ error: "#DIV/0!", message: expect.stringMatching(/target/i) });
  });
  it("takes a negative number as an argument, not an option", async () => {
    expect((await cli("fn", "PLAN.VARIANCE", "80", "100", "-1", "--json")).out).toBe('{"value":20}\n');
    const txt = await cli("fn", "variance", "-abc", "1", "--json");
    expect(JSON.parse(txt.out).error).toBe("#VALUE!");
  });
  it("reads nested arrays as ranges and prints arrays, errors inside as {error}", async () => {
    expect((await cli("fn", "PLAN.VARIANCE", "[[1,2],[3,4]]", "2", "--json")).out).toBe('{"value":[[-1,0],[1,2]]}\n');
    expect((await cli("fn", "PLAN.ATTAINMENT", "[[1,2]]", "[[0,4]]", "--json")).out).toBe('{"value":[[{"error":"#DIV/0!"},0.5]]}\n');
    expect((await cli("fn", "PLAN.VARIANCE", "[[1,2],[3,4]]", "2")).out).toBe("-1\t0\n1\t2\n");
  });
  it("reads null as a blank cell, {error} as an error cell, ISO dates inside arrays as serials", async () => {
    expect((await cli("fn", "PLAN.VARIANCE", "null", "100", "--json")).out).toBe('{"value":-100}\n');
    expect(JSON.parse((await cli("fn", "PLAN.VARIANCE", '{"error":"#N/A"}', "100", "--json")).out).error).toBe("#N/A");
    expect((await cli("fn", "PLAN.PHASE", "100", '"2026-01-01"', "2026-01-31", "--json")).out).toBe('{"value":[[46023,100]]}\n');
  });
  it("prints an error plainly as the code and its message", async () => {
    const r = await cli("fn", "PLAN.PERIODSTART", "someday");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^#VALUE! {2}\S/);
  });
  it("answers in Chinese when SALESPLAN_LANG is zh-CN", async () => {
    process.env.SALESPLAN_LANG = "zh-CN";
    try {
      const r = await cli("fn", "PLAN.PRORATE", "[[1],[2]]", "2026-01-01", "2026-12-31", "2026-07-01", "2026-09-30", "--json");
      expect(JSON.parse(r.out)).toEqual({ error: "#VALUE!", message: "total 必须是单个单元格，而不是区域。" });
    } finally {
      delete process.env.SALESPLAN_LANG;
    }
  });
  it("usage errors exit 2 with one line on stderr", async () => {
    const unknown = await cli("fn", "PLAN.NOPE", "1");
    expect(unknown.code).toBe(2);
    expect(unknown.out).toBe("");
    expect(unknown.err.trim().split("\n")).toHaveLength(1);
    expect(unknown.err).toMatch(/unknown function PLAN\.NOPE/);
    const arity = await cli("fn", "PLAN.GROWTH", "1");
    expect(arity.code).toBe(2);
    expect(arity.err).toMatch(/takes 2 arguments/);
    const badJson = await cli("fn", "PLAN.VARIANCE", "[[1],[2,3]]", "1");
    expect(badJson.code).toBe(2);
    expect(badJson.err).toMatch(/rectangular/);
    const noCommand = await cli("frobnicate");
    expect(noCommand.code).toBe(2);
  });
});
