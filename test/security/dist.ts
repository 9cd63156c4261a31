/** Reading the built add-in (dist/, made by `npm run build`; `npm test` builds first). */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const DIST = join(__dirname, "../../dist");

/** A built file's text; a missing one fails the test with what to do. */
export function distFile(name: string): string {
  const path = join(DIST, name);
  if (!existsSync(path)) throw new Error(`dist/${name} is missing: run npm run build (npm test builds first)`);
  return readFileSync(path, "utf8");
}
