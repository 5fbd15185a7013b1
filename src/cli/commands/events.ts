import type { Command } from "commander";
import { once } from "node:events";
import { closeSync, createReadStream, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { ArmtraceError } from "../../errors.ts";
import {
  exportEvents,
  exportFormats,
  formatGrade,
  getEvent,
  getEventHistory,
  importEvents,
  importFormats,
  keepEventsApart,
  listEvents,
  mergeEvents,
  proposeDuplicates,
  reviewEvent,
  setSourceReliability,
  unmergeEvents,
  type Event,
  type EventDependencies,
  type ExportFormat,
  type ImportFormat,
  type ListEventsInput,
} from "../../events/index.ts";
import type { CliContext } from "../cli-context.ts";
import { cliUser } from "../cli-user.ts";
import { terminalSafe } from "../terminal-text.ts";

function parseId(value: string, what = "event id"): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new ArmtraceError("INVALID_INPUT", `"${value}" is not a valid ${what} (a positive integer)`);
  return id;
}

/** The event use cases' dependencies, from the composition root on the database named by --db. */
async function dependencies(context: CliContext, command: Command): Promise<EventDependencies> {
  return (await context.services(command.optsWithGlobals().db)).events;
}

async function writeStdout(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, "drain");
}

function printJson(value: unknown): Promise<void> {
  return writeStdout(`${JSON.stringify(value, null, 2)}\n`);
}

function summaryLine(event: Event): string {
  const place = [event.location, event.admin2, event.admin1, event.country].filter((part) => part !== null).join(", ");
  const killed = event.fatalities.best === null ? "?" : String(event.fatalities.best);
  const actors = event.actors.perpetrators.join(" / ") || "-";
  return terminalSafe(`${event.id}\t${event.date ?? "-"}\t${event.type}\t${event.reviewState}\tkilled ${killed}\t${actors}\t${place || "-"}`);
}

function readable(file: string): AsyncIterable<Buffer> {
  try {
    if (!statSync(file).isFile()) throw new Error("not a file");
  } catch (error) {
    throw new ArmtraceError("UNREADABLE_FILE", `cannot read ${file}: ${(error as Error).message}`);
  }
  // Large chunks: the CSV reader splits a whole chunk of lines at a time.
  return createReadStream(file, { highWaterMark: 1 << 20 });
}

interface ListOptions {
  json?: boolean;
  from?: string;
  to?: string;
  country?: string;
  admin1?: string;
  admin2?: string;
  type?: string;
  actor?: string;
  killedMin?: string;
  killedMax?: string;
  injuredMin?: string;
  injuredMax?: string;
  state?: string;
  source?: string;
  text?: string;
  acledId?: string;
  sort?: string;
  limit: string;
  offset: string;
  count?: string;
}

function listInput(options: ListOptions): ListEventsInput {
  const input: Record<string, unknown> = {
    dateFrom: options.from,
    dateTo: options.to,
    country: options.country,
    admin1: options.admin1,
    admin2: options.admin2,
    type: options.type,
    actor: options.actor,
    fatalitiesMin: options.killedMin,
    fatalitiesMax: options.killedMax,
    injuriesMin: options.injuredMin,
    injuriesMax: options.injuredMax,
    reviewState: options.state,
    sourceId: options.source,
    text: options.text,
    acledEventId: options.acledId,
    sort: options.sort,
    limit: options.limit,
    offset: options.offset,
    count: options.count,
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return input as ListEventsInput;
}

/** `armtrace events …`: list, show, import, export, review, merge, unmerge, duplicates. */
export function registerEventsCommand(program: Command, context: CliContext): void {
  const events = program.command("events").description("curated incidents: list, show, review, merge, import and export");

  events
    .command("list")
    .description("list events (newest first by default); --json prints a JSON array of events")
    .option("--json", "print a JSON array of events")
    .option("--from <date>", "events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--to <date>", "events on or before this date")
    .option("--country <code>", "ISO alpha-2 country code (PK, AF)")
    .option("--admin1 <name>", "province")
    .option("--admin2 <name>", "district")
    .option("--type <type>", "attack, security_operation, armed_clash, airstrike or weapons_seizure")
    .option("--actor <name>", "an actor in any role, by name or alias")
    .option("--killed-min <n>", "best killed estimate at least n")
    .option("--killed-max <n>", "best killed estimate at most n")
    .option("--injured-min <n>", "best injured estimate at least n")
    .option("--injured-max <n>", "best injured estimate at most n")
    .option("--state <state>", "candidate, confirmed or rejected")
    .option("--source <id>", "events linked to this stored source")
    .option("--text <words>", "full text over notes, location and actors")
    .option("--acled-id <id>", "ACLED event_id_cnty")
    .option("--sort <order>", "date, -date, fatalities, -fatalities, id, -id, updated, -updated")
    .option("--limit <n>", "at most this many (up to 10000)", "1000")
    .option("--offset <n>", "skip this many", "0")
    .option("--count <mode>", "capped (default: exact up to 1,000, then shown as 1000+) or exact (count every match)")
    .action(async (options: ListOptions, command: Command) => {
      const deps = await dependencies(context, command);
      const page = await listEvents(deps, listInput(options));
      if (options.json) return printJson(page.events);
      for (const event of page.events) await writeStdout(`${summaryLine(event)}\n`);
      process.stderr.write(`${page.events.length} of ${page.total}${page.totalIsLowerBound ? "+" : ""} events (offset ${page.offset})\n`);
    });

  events
    .command("show")
    .description("show one event with its sources, figures and history")
    .argument("<id>", "event id")
    .option("--json", "print JSON: the event, its versions and merges")
    .action(async (idText: string, options: { json?: boolean }, command: Command) => {
      const deps = await dependencies(context, command);
      const id = parseId(idText);
      const event = await getEvent(deps, id);
      const history = await getEventHistory(deps, id);
      if (options.json) return printJson({ event, versions: history.versions, merges: history.merges });
      const estimate = (label: string, value: Event["fatalities"]) => `${label}: low ${value.low ?? "-"}, best ${value.best ?? "-"}, high ${value.high ?? "-"} (rule: ${value.rule})`;
      const lines = [
        summaryLine(event),
        `version ${event.version}, updated ${event.updatedAt} by ${event.updatedBy}${event.mergedInto ? `, merged into event ${event.mergedInto}` : ""}`,
        `date: ${event.date ?? "-"} (${event.datePrecision})${event.dateEnd ? ` to ${event.dateEnd}` : ""}`,
        `place: ${[event.location, event.admin2, event.admin1, event.country].map((part) => part ?? "-").join(" / ")}` +
          (event.latitude !== null ? ` @ ${event.latitude},${event.longitude} (${event.geoPrecision ?? "-"})` : ""),
        `perpetrators: ${event.actors.perpetrators.join("; ") || "-"}; targets: ${event.actors.targets.join("; ") || "-"}; associated: ${event.actors.associated.join("; ") || "-"}`,
        `killed: ${JSON.stringify(event.killed)}; injured: ${JSON.stringify(event.injured)}`,
        estimate("fatalities", event.fatalities),
        estimate("injuries", event.injuries),
        `weapons: ${event.weapons.join(", ") || "-"}`,
        event.acled ? `ACLED: ${event.acled.eventIdCnty ?? "-"} ${event.acled.eventType} / ${event.acled.subEventType}` : "",
        event.gtd ? `GTD: ${event.gtd.eventId ?? "-"} ${event.gtd.attackType ?? "-"} / ${event.gtd.weaponType ?? "-"}` : "",
        `notes: ${event.notes ?? "-"}`,
        "sources:",
        ...event.sources.map(
          (link) =>
            `  ${link.sourceId !== null ? `source ${link.sourceId}` : link.citation}${link.reliability ? ` [${formatGrade(link.reliability)}]` : ""}: killed ${JSON.stringify(link.killed)}` +
            `${link.mergedFromEventId ? ` (from event ${link.mergedFromEventId})` : ""}`,
        ),
        "history:",
        ...history.versions.map((version) => `  v${version.version} ${version.changedAt} ${version.change} by ${version.changedBy}${version.reason ? `: ${version.reason}` : ""}`),
      ].filter((line) => line !== "");
      await writeStdout(`${terminalSafe(lines.join("\n"))}\n`);
    });

  events
    .command("import")
    .description("import an ACLED or GTD CSV file or armtrace JSON Lines, in one transaction")
    .requiredOption("--format <format>", `one of ${importFormats.join(", ")}`)
    .argument("<file>", "file to import")
    .option("--skip-invalid", "import the valid rows and report the skipped ones, instead of refusing the file")
    .option("--deletions <file>", "ACLED deletions list: events with these event_id_cnty are removed")
    .option("--user <name>", "who is importing (recorded in each event's history)", cliUser())
    .option("--json", "print the import report as JSON")
    .action(async (file: string, options: { format: string; skipInvalid?: boolean; deletions?: string; user: string; json?: boolean }, command: Command) => {
      if (!importFormats.includes(options.format as ImportFormat)) throw new ArmtraceError("UNSUPPORTED_FORMAT", `unknown import format "${options.format}"; use ${importFormats.join(", ")}`);
      const deps = await dependencies(context, command);
      const report = await importEvents(
        deps,
        {
          format: options.format as ImportFormat,
          content: readable(file),
          skipInvalid: options.skipInvalid === true,
          ...(options.deletions !== undefined ? { deletions: readable(options.deletions) } : {}),
        },
        { actor: options.user, reason: `import ${options.format} ${file}` },
      );
      if (options.json) return printJson(report);
      const outOfScope = Object.values(report.outOfScope).reduce((sum, count) => sum + count, 0);
      const lines = [
        `read ${report.rowsRead} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.deleted} deleted`,
        outOfScope > 0 ? `${outOfScope} rows outside armtrace's scope: ${Object.entries(report.outOfScope).map(([kind, count]) => `${kind} ${count}`).join(", ")}` : "",
        report.deletionsNotFound.length > 0 ? `deletions naming no event: ${report.deletionsNotFound.join(", ")}` : "",
        report.skipped.length > 0 ? `skipped ${report.skipped.length} invalid lines:` : "",
        ...report.skipped.map((entry) => `  line ${entry.line}: ${entry.problems.join("; ")}`),
      ].filter((line) => line !== "");
      await writeStdout(`${terminalSafe(lines.join("\n"))}\n`);
    });

  events
    .command("export")
    .description("export events as ACLED CSV, armtrace JSON Lines or GeoJSON (to stdout without --out)")
    .requiredOption("--format <format>", `one of ${exportFormats.join(", ")}`)
    .option("--out <file>", "write to this file instead of stdout")
    .action(async (options: { format: string; out?: string }, command: Command) => {
      if (!exportFormats.includes(options.format as ExportFormat)) throw new ArmtraceError("UNSUPPORTED_FORMAT", `unknown export format "${options.format}"; use ${exportFormats.join(", ")}`);
      const deps = await dependencies(context, command);
      if (options.out === undefined) {
        await exportEvents(deps, { format: options.format as ExportFormat }, writeStdout);
        return;
      }
      // Written beside the target and renamed at the end, so a failed export never leaves half a file.
      const partial = `${options.out}.partial`;
      const fd = openSync(partial, "w");
      try {
        const counts = await exportEvents(deps, { format: options.format as ExportFormat }, (text) => {
          writeSync(fd, text);
        });
        closeSync(fd);
        renameSync(partial, options.out);
        process.stderr.write(`exported ${counts.events} events (${counts.rows} rows) to ${options.out}\n`);
      } catch (error) {
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
        rmSync(partial, { force: true });
        throw error;
      }
    });

  events
    .command("review")
    .description("confirm or reject an event (or send it back to candidate)")
    .argument("<id>", "event id")
    .requiredOption("--state <state>", "candidate, confirmed or rejected")
    .option("--reason <text>", "why (required to reject)")
    .option("--expected-version <n>", "the version you reviewed; refused if the event changed since")
    .option("--user <name>", "who is reviewing", cliUser())
    .option("--json", "print the event as JSON")
    .action(async (idText: string, options: { state: string; reason?: string; expectedVersion?: string; user: string; json?: boolean }, command: Command) => {
      const deps = await dependencies(context, command);
      const event = reviewEvent(
        deps,
        {
          id: parseId(idText),
          state: options.state as "confirmed",
          ...(options.reason !== undefined ? { reason: options.reason } : {}),
          ...(options.expectedVersion !== undefined ? { expectedVersion: parseId(options.expectedVersion, "version") } : {}),
        },
        { actor: options.user },
      );
      if (options.json) return printJson(event);
      await writeStdout(`event ${event.id} is ${event.reviewState} (version ${event.version})\n`);
    });

  events
    .command("merge")
    .description("merge event B into event A (A keeps every source of both); undo with unmerge B")
    .argument("<a>", "the event that stays")
    .argument("<b>", "the event merged into it")
    .option("--reason <text>", "why they are one incident")
    .option("--user <name>", "who is merging", cliUser())
    .action(async (a: string, b: string, options: { reason?: string; user: string }, command: Command) => {
      const deps = await dependencies(context, command);
      const result = mergeEvents(deps, { survivorId: parseId(a), absorbedId: parseId(b), ...(options.reason ? { reason: options.reason } : {}) }, { actor: options.user });
      await writeStdout(`merged event ${result.absorbed.id} into event ${result.survivor.id} (merge ${result.mergeId}); fatalities now ${result.survivor.fatalities.low}–${result.survivor.fatalities.high}, best ${result.survivor.fatalities.best}\n`);
    });

  events
    .command("unmerge")
    .description("undo the merge that absorbed an event")
    .argument("<id>", "the event that was merged into another")
    .option("--reason <text>", "why")
    .option("--user <name>", "who is unmerging", cliUser())
    .action(async (idText: string, options: { reason?: string; user: string }, command: Command) => {
      const deps = await dependencies(context, command);
      const result = unmergeEvents(deps, { absorbedId: parseId(idText), ...(options.reason ? { reason: options.reason } : {}) }, { actor: options.user });
      await writeStdout(`event ${result.restored.id} restored; event ${result.survivor.id} is at version ${result.survivor.version}\n`);
    });

  events
    .command("duplicates")
    .description("propose likely duplicates across sources (same type, ±1 day, same district or within 25 km, compatible figures)")
    .option("--event <id>", "only pairs involving this event")
    .option("--from <date>", "events on or after this date")
    .option("--to <date>", "events on or before this date")
    .option("--min-score <score>", "0–1", "0.5")
    .option("--limit <n>", "at most this many", "100")
    .option("--json", "print a JSON array")
    .action(async (options: { event?: string; from?: string; to?: string; minScore: string; limit: string; json?: boolean }, command: Command) => {
      const deps = await dependencies(context, command);
      const proposals = await proposeDuplicates(deps, {
        ...(options.event !== undefined ? { eventId: options.event } : {}),
        ...(options.from !== undefined ? { dateFrom: options.from } : {}),
        ...(options.to !== undefined ? { dateTo: options.to } : {}),
        minScore: options.minScore,
        limit: options.limit,
      });
      if (options.json) return printJson(proposals);
      for (const proposal of proposals) await writeStdout(`${proposal.firstId}\t${proposal.secondId}\t${proposal.score.toFixed(2)}\t${terminalSafe(proposal.reasons.join("; "))}\n`);
      if (proposals.length === 0) process.stderr.write("no likely duplicates\n");
    });

  events
    .command("keep-apart")
    .description("record that two proposed duplicates are different incidents")
    .argument("<a>", "event id")
    .argument("<b>", "event id")
    .option("--reason <text>", "why")
    .option("--user <name>", "who decided", cliUser())
    .action(async (a: string, b: string, options: { reason?: string; user: string }, command: Command) => {
      const deps = await dependencies(context, command);
      keepEventsApart(deps, { firstId: parseId(a), secondId: parseId(b), ...(options.reason ? { reason: options.reason } : {}) }, { actor: options.user });
      await writeStdout(`events ${a} and ${b} kept apart\n`);
    });

  events
    .command("grade-source")
    .description("set a source's Admiralty grade: reliability A–F and credibility 1–6, e.g. B2 (\"none\" clears it)")
    .argument("<source-id>", "source id")
    .argument("<grade>", "e.g. B2")
    .option("--user <name>", "who graded it", cliUser())
    .action(async (sourceText: string, grade: string, options: { user: string }, command: Command) => {
      const deps = await dependencies(context, command);
      const set = await setSourceReliability(deps, { sourceId: parseId(sourceText, "source id"), grade: grade === "none" ? null : grade.toUpperCase() }, { actor: options.user });
      await writeStdout(`source ${sourceText} graded ${set === null ? "none" : formatGrade(set)}\n`);
    });
}
