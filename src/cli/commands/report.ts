import type { Command } from "commander";
import { writeFileSync } from "node:fs";
import { ArmtraceError } from "../../errors.ts";
import { buildReport, createDistrictLocator, parseReportOptions, renderReport, type ReportFormat } from "../../reports/index.ts";
import type { CliContext } from "../cli-context.ts";

interface ReportCommandOptions {
  from?: string;
  to?: string;
  country?: string;
  admin1?: string[];
  actor?: string[];
  format: string;
  out?: string;
  includeCandidates?: boolean;
  borderKm?: string;
  deadliest?: string;
  evidenceLimit?: string;
  mapFigure?: string;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `armtrace report`: the period report as HTML, CSV, JSON or PDF, to stdout or --out. */
export function registerReportCommand(program: Command, context: CliContext): void {
  program
    .command("report")
    .description("the period report: totals, provinces, districts, actors, trend, border, deadliest incidents, claims reconciliation")
    .requiredOption("--from <date>", "first day of the period (YYYY-MM-DD)")
    .requiredOption("--to <date>", "last day of the period (YYYY-MM-DD), included")
    .option("--country <code>", "PK or AF")
    .option("--admin1 <province>", "only this province (repeatable, or comma-separated)", collect)
    .option("--actor <name>", "only events involving this actor (repeatable)", collect)
    .option("--format <format>", "html, csv, json or pdf", "html")
    .option("--out <path>", "write to this file (required for pdf; default stdout)")
    .option("--include-candidates", "count unreviewed candidate events too (default: confirmed only)")
    .option("--border-km <km>", "'near the border' distance in km (1–300)", "50")
    .option("--deadliest <n>", "how many deadliest incidents to list", "10")
    .option("--evidence-limit <n>", "list every event with its sources when the period has at most this many", "5000")
    .option("--map-figure <figure>", "what shades the map: killed, incidents or injured", "killed")
    .action(async (options: ReportCommandOptions, command: Command) => {
      const format = options.format as ReportFormat;
      if (!["html", "csv", "json", "pdf"].includes(format)) throw new ArmtraceError("UNSUPPORTED_FORMAT", `--format must be html, csv, json or pdf (got ${JSON.stringify(options.format)})`);
      if (format === "pdf" && options.out === undefined) throw new ArmtraceError("INVALID_INPUT", "--format pdf needs --out FILE");
      const parsed = parseReportOptions({
        from: options.from ?? "",
        to: options.to ?? "",
        country: options.country,
        admin1: options.admin1,
        actor: options.actor,
        includeCandidates: options.includeCandidates === true,
        borderKm: options.borderKm,
        deadliest: options.deadliest,
        evidenceLimit: options.evidenceLimit,
        mapFigure: options.mapFigure,
      });
      const { reports } = await context.services(command.optsWithGlobals().db);
      const report = await buildReport(reports, parsed, { locateDistrict: createDistrictLocator() });
      const output = await renderReport(report, format, { mapFigure: parsed.mapFigure });
      if (options.out === undefined) {
        process.stdout.write(output);
        return;
      }
      try {
        writeFileSync(options.out, output);
      } catch (error) {
        throw new ArmtraceError("UNREADABLE_FILE", `cannot write ${options.out}: ${(error as Error).message}`);
      }
      process.stderr.write(`armtrace: wrote ${format} report to ${options.out}\n`);
    });
}
