/**
 * Batching within Excel's payload limits. Excel on the web accepts at most 5 MB per request
 * and per response (and 5,000,000 cells per range read); we keep each sync under ~4 MB by
 * splitting big writes and reads into row chunks, one sync per chunk and no more.
 * Docs: https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins,
 * https://learn.microsoft.com/office/dev/add-ins/excel/performance.
 */
import { isPayloadError } from "./errors";

/** Bytes per sync we aim to stay under (Excel on the web's limit is 5 MB). */
export const DEFAULT_CHUNK_BYTES = 4_000_000;

/** Cells per range read (Excel on the web refuses more than 5,000,000 at once). */
export const MAX_CELLS_PER_READ = 4_000_000;

/** UTF-8 length of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Approximate size of a value in a request or response (its JSON, in UTF-8). */
export function jsonBytes(v: unknown): number {
  return v === undefined ? 0 : utf8Length(JSON.stringify(v) ?? "");
}

/** Fixed cost we count for a command besides its data. */
export const OP_BYTES = 200;

/**
 * Queues commands and syncs only when the next one would take the batch past the budget, so
 * a write costs a fixed few syncs plus one per ~budget bytes. `onNewBatch` runs at the start
 * of every batch (used for suspendApiCalculationUntilNextSync, which lasts one sync).
 *
 * A batch may hold the commands of several subjects (sheets of one multi-sheet write): the
 * caller sets `tag` before queuing a subject's commands, and when a sync fails `failedTags`
 * holds the tags of the commands that sync carried, to say what failed.
 */
export class BatchWriter<Tag = never> {
  private used = 0;
  private open = false;
  /** Tag of the commands queued from now on. */
  tag: Tag | undefined = undefined;
  private tags: Tag[] = [];
  /** The tags of the batch whose sync failed (in the order first queued), once one has. */
  failedTags: Tag[] | undefined = undefined;

  constructor(
    private readonly ctx: Excel.RequestContext,
    readonly budget: number,
    private readonly onNewBatch?: () => void,
  ) {}

  /** Bytes left in the current batch. */
  get room(): number {
    return this.budget - this.used;
  }

  get empty(): boolean {
    return !this.open;
  }

  /** Queues one command costing `bytes` (syncing first when it would not fit). */
  async add(bytes: number, queue: () => void): Promise<void> {
    if (this.open && this.used + bytes > this.budget) await this.flush();
    if (!this.open) {
      this.open = true;
      this.onNewBatch?.();
    }
    queue();
    this.used += bytes;
    if (this.tag !== undefined && !this.tags.includes(this.tag)) this.tags.push(this.tag);
  }

  /** Syncs what is queued, if anything. */
  async flush(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.used = 0;
    const tags = this.tags;
    this.tags = [];
    try {
      await this.ctx.sync();
    } catch (e) {
      this.failedTags = tags;
      throw e;
    }
  }

  /**
   * Writes a 2-D array as few row chunks as the budget allows: each chunk is one 2-D write
   * (`at(start, count)` gives its range), filling the current batch before starting a new one.
   */
  async writeRows(rows: readonly unknown[][], at: (start: number, count: number) => Excel.Range, prop: "values" | "formulas" | "numberFormat"): Promise<void> {
    const sizes = rows.map((r) => jsonBytes(r) + 1);
    let i = 0;
    while (i < rows.length) {
      let n = 0;
      let bytes = OP_BYTES;
      while (i + n < rows.length && bytes + sizes[i + n]! <= this.room) bytes += sizes[i + n++]!;
      if (n === 0) {
        if (!this.empty) {
          await this.flush();
          continue;
        }
        bytes += sizes[i]!;
        n = 1; // a single row above the budget goes alone
      }
      const start = i;
      const slice = rows.slice(start, start + n) as unknown[][];
      await this.add(bytes, () => {
        const r = at(start, n);
        if (prop === "values") r.values = slice;
        else if (prop === "formulas") r.formulas = slice;
        else r.numberFormat = slice;
      });
      i += n;
    }
  }
}

/** One rectangle to read: 0-based position on a sheet, and the Range properties to load. */
export interface ReadJob {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  props: readonly ("values" | "formulas" | "valueTypes" | "numberFormat" | "text")[];
  /** Response bytes per row seen in a sample, when the caller has one (else a guess is used). */
  sampleBytesPerRow?: number;
}

/** What a job read: each property's rows. */
export type ReadResult = Record<string, unknown[][]>;

/** First guess of the response bytes per cell per property (numbers, short text, type names). */
const GUESS_BYTES_PER_CELL = 14;

/**
 * Reads the jobs in as few syncs as the budget allows: row chunks of several jobs share a
 * sync; chunk sizes start from a guess and then follow the bytes per row actually seen. A
 * chunk that still overflows Excel's limit is retried at half the size.
 */
export async function readChunked(ctx: Excel.RequestContext, jobs: readonly ReadJob[], budget: number): Promise<ReadResult[]> {
  const results: ReadResult[] = jobs.map((j) => Object.fromEntries(j.props.map((p) => [p, [] as unknown[][]])));
  const done = jobs.map(() => 0);
  // A sampled row, with a margin for longer rows further down (the budget's distance to
  // Excel's 5 MB limit absorbs the rest); without a sample, a guess.
  const perRow = jobs.map((j) => Math.max(1, j.sampleBytesPerRow !== undefined ? Math.ceil(j.sampleBytesPerRow * 1.15) : j.cols * j.props.length * GUESS_BYTES_PER_CELL));
  let retries = 0;
  for (;;) {
    const pending = jobs.map((j, i) => i).filter((i) => done[i]! < jobs[i]!.rows);
    if (pending.length === 0) return results;
    let room = budget;
    const batch: { job: number; start: number; count: number; range: Excel.Range }[] = [];
    for (const i of pending) {
      const j = jobs[i]!;
      const left = j.rows - done[i]!;
      let count = Math.min(left, Math.floor(room / perRow[i]!), Math.max(1, Math.floor(MAX_CELLS_PER_READ / j.cols)));
      if (count <= 0) {
        if (batch.length > 0) break;
        count = 1;
      }
      // Worksheet.getRangeByIndexes: ExcelApi 1.7.
      const range = ctx.workbook.worksheets.getItem(j.sheet).getRangeByIndexes(j.row + done[i]!, j.col, count, j.cols);
      range.load([...j.props]);
      batch.push({ job: i, start: done[i]!, count, range });
      room -= count * perRow[i]!;
      if (room <= 0) break;
    }
    try {
      await ctx.sync();
    } catch (e) {
      if (!isPayloadError(e) || retries >= 12) throw e;
      retries += 1;
      for (const b of batch) perRow[b.job] = perRow[b.job]! * 2;
      continue;
    }
    for (const b of batch) {
      const j = jobs[b.job]!;
      let bytes = 0;
      for (const p of j.props) {
        const rows = (b.range as unknown as Record<string, unknown[][]>)[p]!;
        bytes += jsonBytes(rows);
        const into = results[b.job]![p]!;
        for (const r of rows) into.push(r);
      }
      done[b.job] = b.start + b.count;
      // Next chunks of this job: the bytes per row seen so far, with a small margin.
      perRow[b.job] = Math.max(1, Math.ceil((bytes / b.count) * 1.05));
    }
  }
}
