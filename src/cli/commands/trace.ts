import type { Command } from "commander";
import { ArmtraceError } from "../../errors.ts";
import { readRecordCsv } from "../../storage/tracing-csv.ts";
import { createTraceRecordStore } from "../../storage/tracing-record-store.ts";
import { formatImportSummary, importRecords } from "../../tracing/import-records.ts";
import { matchSerial } from "../../tracing/match-serial.ts";
import type { CliContext } from "../cli-context.ts";

/** Control characters shown escaped so stored text cannot drive the terminal. */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function parsePositiveInteger(value: string, what: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new ArmtraceError("INVALID_INPUT", `"${value}" is not a valid ${what} (a positive integer)`);
  return number;
}

/** `armtrace trace …`: record lists, serial matching, seizures, trace requests and findings. */
export function registerTraceCommand(program: Command, context: CliContext): void {
  const trace = program.command("trace").description("weapons tracing: records, matching, seizures, trace requests, findings");

  trace
    .command("import-records")
    .description("import a stockpile or transfer list (CSV: manufacturer, model, serial or FROM–TO range, optional calibre, holder, exporter, importer, end_user, reference, shipped, received)")
    .argument("<file>", "CSV file")
    .option("--json", "print the summary as JSON")
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const database = await context.database(command.optsWithGlobals().db);
      const store = createTraceRecordStore(database);
      const csv = await readRecordCsv(file);
      const { result, batchId } = await store.withImport(file, (sink) => importRecords(file, csv.rows, sink));
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ batchId, ignoredColumns: csv.ignoredColumns, ...result }, null, 2)}\n`);
        return;
      }
      if (csv.ignoredColumns.length > 0) process.stdout.write(`ignored columns: ${csv.ignoredColumns.map(terminalSafe).join(", ")}\n`);
      process.stdout.write(terminalSafe(formatImportSummary(result)));
    });

  trace
    .command("match")
    .description("rank stored records against a serial read off a seized weapon (? * _ = unreadable character; ...TAIL = visible fragment)")
    .requiredOption("--serial <serial>", "the serial as read")
    .option("--manufacturer <name>", "manufacturer as marked or reported")
    .option("--model <model>", "model as marked or reported")
    .option("--partial", "the serial is a visible fragment of a longer one")
    .option("--max-edits <n>", "unreadable plus confusable characters allowed", "2")
    .option("--limit <n>", "at most this many candidates", "20")
    .option("--json", "print [{serial, manufacturer, model, record_ref, score, reasons}] best first")
    .action(async (options: { serial: string; manufacturer?: string; model?: string; partial?: boolean; maxEdits: string; limit: string; json?: boolean }, command: Command) => {
      const database = await context.database(command.optsWithGlobals().db);
      const index = createTraceRecordStore(database).serialIndex();
      const candidates = matchSerial(
        { serial: options.serial, manufacturer: options.manufacturer, model: options.model, isPartial: options.partial === true },
        index,
        { maxEdits: Number(options.maxEdits), limit: parsePositiveInteger(options.limit, "limit") },
      );
      const printable = candidates.map(({ serial, manufacturer, model, record_ref, score, reasons }) => ({ serial, manufacturer, model, record_ref, score, reasons }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(printable, null, 2)}\n`);
        return;
      }
      if (printable.length === 0) process.stdout.write("no candidates\n");
      for (const candidate of printable) {
        process.stdout.write(
          terminalSafe(`${candidate.score.toFixed(3)}\t${candidate.serial}\t${candidate.manufacturer ?? "-"}\t${candidate.model ?? "-"}\t${candidate.record_ref}`) + "\n",
        );
        for (const reason of candidate.reasons) process.stdout.write(terminalSafe(`\t- ${reason}`) + "\n");
      }
    });

  registerSeizureCommands(trace, context);
  registerRequestCommands(trace, context);
  registerFindingsCommand(trace, context);
}

function registerSeizureCommands(_trace: Command, _context: CliContext): void {}

function registerRequestCommands(_trace: Command, _context: CliContext): void {}

function registerFindingsCommand(_trace: Command, _context: CliContext): void {}

