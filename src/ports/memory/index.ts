/** The in-memory workbook port (tests and the task pane's browser preview). */
export { MemoryWorkbook, memoryWorkbook, planTableName } from "./workbook";
export type { MemoryCell, MemorySheet, MemoryTable } from "./workbook";
export type { SeedCell, SeedSheet, WorkbookSeed } from "./seed";
export { isSeedDate, isSeedFormula } from "./seed";
