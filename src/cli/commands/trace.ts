import type { Command } from "commander";
import { ArmtraceError } from "../../errors.ts";
import { readRecordCsv } from "../../storage/tracing-csv.ts";
import { createTraceRecordStore } from "../../storage/tracing-record-store.ts";
import { REQUEST_STATUSES, advanceTraceRequest, answerTraceRequest, createTraceRequest, formatFindings, formatImportSummary, importRecords, isOverdue, matchSerial, recordSeizure, renderRequestHtml, renderRequestText, summarizeFindings, type AnswerInput, type ItemInput, type MarkingInput, type RequestStatus, type Seizure, type SeizureInput, type TraceRequest } from "../../tracing/index.ts";
import { readFileSync } from "node:fs";
import { defaultActorRegistry } from "../../actors/actor-registry.ts";
import { defaultGazetteer } from "../../codebook/gazetteer.ts";
import { defaultWeaponTaxonomy } from "../../codebook/weapon-taxonomy.ts";
import { createTraceCaseStore } from "../../storage/tracing-case-store.ts";
import type { CliContext } from "../cli-context.ts";
import { terminalSafe } from "../terminal-text.ts";

export function parsePositiveInteger(value: string, what: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new ArmtraceError("INVALID_INPUT", `"${value}" is not a valid ${what} (a positive integer)`);
  return number;
}

function parseEditBudget(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 4) throw new ArmtraceError("INVALID_INPUT", `--max-edits must be a whole number from 0 to 4, not "${value}"`);
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
        { maxEdits: parseEditBudget(options.maxEdits), limit: parsePositiveInteger(options.limit, "limit") },
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


const collect = (value: string, previous: string[]) => [...previous, value];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ArmtraceError("UNREADABLE_FILE", `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ArmtraceError("INVALID_INPUT", `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** `kind:location:text` → a marking; kind is manufacturer, import, proof, government or other. */
function parseMarking(spec: string): MarkingInput {
  const [kind = "", location = "", ...rest] = spec.split(":");
  const text = rest.join(":");
  return {
    kind: kind.trim() as MarkingInput["kind"],
    location: location.trim() || undefined,
    text: text.trim() || undefined,
    isObliterated: /obliterated/iu.test(text) || undefined,
  };
}

function printSeizure(seizure: Seizure): void {
  const lines = [
    `seizure ${seizure.id}: ${seizure.seizedOn ?? "date unknown"} at ${seizure.placeName ?? "place unknown"}${seizure.placeId ? ` [${seizure.placeId}]` : ""} by ${seizure.agency ?? "agency unknown"}${seizure.caseRef ? `, case ${seizure.caseRef}` : ""}`,
    `  possessor: ${seizure.possessor ?? "unknown"}; events: ${seizure.eventIds.join(", ") || "none"}`,
    ...(seizure.circumstances ? [`  circumstances: ${seizure.circumstances}`] : []),
    ...seizure.custody.map((step, index) => `  custody ${index + 1}: ${step.holder}${step.receivedOn ? ` from ${step.receivedOn}` : ""}${step.note ? ` (${step.note})` : ""}`),
    ...seizure.items.flatMap((item) => [
      `  item ${item.id}: ${[item.manufacturer, item.model].filter(Boolean).join(" ") || "make/model unknown"}${item.calibre ? ` ${item.calibre}` : ""} serial ${item.serial ?? "-"}${item.isSuspectedCopy ? " SUSPECTED COPY" : ""}`,
      ...item.markings.map((marking) => `    marking ${marking.kind}${marking.location ? ` on ${marking.location}` : ""}: ${marking.text ?? "-"} (${marking.legibility}${marking.isObliterated ? ", obliterated" : ""})`),
    ]),
  ];
  process.stdout.write(terminalSafe(lines.join("\n")) + "\n");
}

function registerSeizureCommands(trace: Command, context: CliContext): void {
  const seizures = trace.command("seizures").description("weapons seizures: place, agency, possessor, custody, items and markings");
  seizures
    .command("add")
    .description("record a seizure (one item from flags, or any number from --from-json)")
    .option("--from-json <file>", "a JSON seizure: {seizedOn, place, agency, caseRef, circumstances, possessor, custody: [{holder, receivedOn}], eventIds, items: [{… markings: [...]}]}")
    .option("--date <date>", "seized on (YYYY-MM-DD)")
    .option("--place <name>", "place, resolved against the gazetteer")
    .option("--agency <name>", "seizing agency")
    .option("--case-ref <ref>", "case reference (FIR number …)")
    .option("--circumstances <text>", "circumstances of the find")
    .option("--possessor <actor>", "from whom, resolved against the actor registry")
    .option("--event <id>", "incident event the seizure came from (repeatable)", collect, [])
    .option("--custody <holder[@date]>", "custody step (repeatable, in order)", collect, [])
    .option("--serial <serial>", "item serial (frame/receiver)")
    .option("--manufacturer <name>", "item manufacturer")
    .option("--model <model>", "item model")
    .option("--calibre <calibre>", "item calibre")
    .option("--category <term>", "item type (weapon taxonomy term)")
    .option("--country <country>", "country of manufacture")
    .option("--year <year>", "year of manufacture")
    .option("--suspected-copy", "craft-produced or counterfeit with false marks")
    .option("--copy-note <text>", "why it is thought a copy")
    .option("--marking <kind:location:text>", "marking (repeatable): kind manufacturer|import|proof|government|other", collect, [])
    .option("--json", "print the stored seizure as JSON")
    .action(async (options: Record<string, string | string[] | boolean | undefined>, command: Command) => {
      const database = await context.database(command.optsWithGlobals().db);
      const store = createTraceCaseStore(database);
      const text = (name: string) => (typeof options[name] === "string" ? (options[name] as string) : undefined);
      let input: SeizureInput;
      if (text("fromJson") !== undefined) input = readJsonFile(text("fromJson")!) as SeizureInput;
      else {
        const item: ItemInput = {
          serial: text("serial"),
          manufacturer: text("manufacturer"),
          model: text("model"),
          calibre: text("calibre"),
          category: text("category"),
          countryOfManufacture: text("country"),
          year: text("year") === undefined ? undefined : Number(text("year")),
          isSuspectedCopy: options.suspectedCopy === true,
          copyNote: text("copyNote"),
          markings: (options.marking as string[]).map(parseMarking),
        };
        input = {
          seizedOn: text("date"),
          place: text("place"),
          agency: text("agency"),
          caseRef: text("caseRef"),
          circumstances: text("circumstances"),
          possessor: text("possessor"),
          eventIds: (options.event as string[]).map((id) => parsePositiveInteger(id, "event id")),
          custody: (options.custody as string[]).map((spec) => {
            const [holder = "", receivedOn] = spec.split("@");
            return { holder: holder.trim(), receivedOn: receivedOn?.trim() };
          }),
          items: [item],
        };
      }
      const gazetteer = defaultGazetteer();
      const actors = defaultActorRegistry();
      const weapons = defaultWeaponTaxonomy();
      const { seizure, warnings } = await recordSeizure(input, {
        resolvePlace: (name) => {
          const place = gazetteer.resolve(name);
          return place === undefined ? undefined : { id: place.id, name: place.name };
        },
        resolveActor: (name) => actors.resolve(name)?.name,
        categorize: (term) => weapons.categorize(term),
        missingEvents: (ids) => store.missingEvents(ids),
        save: (draft) => store.saveSeizure(draft),
      });
      for (const warning of warnings) process.stderr.write(terminalSafe(`warning: ${warning}`) + "\n");
      if (options.json) process.stdout.write(`${JSON.stringify(seizure, null, 2)}\n`);
      else printSeizure(seizure);
    });
  seizures
    .command("list")
    .description("list seizures with their items")
    .option("--limit <n>", "at most this many", "1000")
    .option("--offset <n>", "skip this many", "0")
    .option("--json", "print a JSON array")
    .action(async (options: { limit: string; offset: string; json?: boolean }, command: Command) => {
      const store = createTraceCaseStore(await context.database(command.optsWithGlobals().db));
      const list = await store.listSeizures({ limit: parsePositiveInteger(options.limit, "limit"), offset: Number(options.offset) || 0 });
      if (options.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else for (const seizure of list) printSeizure(seizure);
    });
  seizures
    .command("show")
    .description("show one seizure; --match ranks record candidates for each item's serial")
    .argument("<id>", "seizure id")
    .option("--match", "match each item against the stored records")
    .option("--json", "print JSON")
    .action(async (id: string, options: { match?: boolean; json?: boolean }, command: Command) => {
      const database = await context.database(command.optsWithGlobals().db);
      const seizure = await createTraceCaseStore(database).getSeizure(parsePositiveInteger(id, "seizure id"));
      const index = options.match ? createTraceRecordStore(database).serialIndex() : undefined;
      const matches = index
        ? seizure.items
            .filter((item) => item.serial !== null)
            .map((item) => ({
              itemId: item.id,
              candidates: matchSerial({ serial: item.serial!, manufacturer: item.manufacturer, model: item.model }, index).map(
                ({ serial, manufacturer, model, record_ref, score, reasons }) => ({ serial, manufacturer, model, record_ref, score, reasons }),
              ),
            }))
        : undefined;
      if (options.json) {
        process.stdout.write(`${JSON.stringify(matches ? { ...seizure, matches } : seizure, null, 2)}\n`);
        return;
      }
      printSeizure(seizure);
      for (const match of matches ?? []) {
        process.stdout.write(`  candidates for item ${match.itemId}:\n`);
        for (const candidate of match.candidates.slice(0, 5)) {
          process.stdout.write(terminalSafe(`    ${candidate.score.toFixed(3)} ${candidate.serial} ${candidate.record_ref}: ${candidate.reasons.join("; ")}`) + "\n");
        }
      }
    });
}

function printRequest(request: TraceRequest): void {
  const overdue = isOverdue(request, today()) ? " OVERDUE" : "";
  process.stdout.write(
    terminalSafe(
      `${request.id}\t${request.status}${overdue}\t${request.addresseeKind}: ${request.addressee}\t${request.reference ?? "-"}\tdeadline ${request.deadline ?? "-"}\titems ${request.itemIds.join(",")}`,
    ) + "\n",
  );
}

function registerRequestCommands(trace: Command, context: CliContext): void {
  const requests = trace.command("requests").description("trace requests: draft → sent → acknowledged → answered → closed");
  const storeFor = async (command: Command) => createTraceCaseStore(await context.database(command.optsWithGlobals().db));
  requests
    .command("create")
    .description("draft a trace request for seized items")
    .requiredOption("--to <name>", "addressee (a state, a manufacturer or an exporter)")
    .requiredOption("--to-kind <kind>", "state | manufacturer | exporter")
    .option("--seizure <id>", "seizure whose items are traced (all of them unless --item)")
    .option("--item <id>", "seized item to trace (repeatable)", collect, [])
    .requiredOption("--legal-basis <text>", "legal basis (e.g. ITI paras 14–19, national law)")
    .requiredOption("--intended-use <text>", "what the answer will be used for")
    .option("--reference <ref>", "your reference")
    .option("--circumstances <text>", "circumstances of the find (default: the seizure's)")
    .option("--deadline <date>", "reply requested by (YYYY-MM-DD)")
    .option("--json", "print JSON")
    .action(async (options: { to: string; toKind: string; seizure?: string; item: string[]; legalBasis: string; intendedUse: string; reference?: string; circumstances?: string; deadline?: string; json?: boolean }, command: Command) => {
      const request = await createTraceRequest(
        {
          addresseeKind: options.toKind as "state",
          addressee: options.to,
          seizureId: options.seizure === undefined ? undefined : parsePositiveInteger(options.seizure, "seizure id"),
          itemIds: options.item.map((id) => parsePositiveInteger(id, "item id")),
          legalBasis: options.legalBasis,
          intendedUse: options.intendedUse,
          reference: options.reference,
          circumstances: options.circumstances,
          deadline: options.deadline,
        },
        await storeFor(command),
      );
      if (options.json) process.stdout.write(`${JSON.stringify(request, null, 2)}\n`);
      else printRequest(request);
    });
  for (const action of ["send", "acknowledge", "close"] as const) {
    const sub = requests
      .command(action)
      .description(action === "send" ? "mark a draft as sent, optionally with a reply deadline" : `mark a request as ${action === "close" ? "closed" : "acknowledged"}`)
      .argument("<id>", "request id")
      .option("--on <date>", "when (YYYY-MM-DD, default today)")
      .option("--json", "print JSON");
    if (action === "send") sub.option("--deadline <date>", "reply requested by (YYYY-MM-DD)").option("--respond-within <days>", "reply deadline in days after sending");
    sub.action(async (id: string, options: { on?: string; deadline?: string; respondWithin?: string; json?: boolean }, command: Command) => {
      const request = await advanceTraceRequest(
        parsePositiveInteger(id, "request id"),
        action,
        {
          at: options.on ?? today(),
          deadline: options.deadline,
          respondWithinDays: options.respondWithin === undefined ? undefined : parsePositiveInteger(options.respondWithin, "number of days"),
        },
        await storeFor(command),
      );
      if (options.json) process.stdout.write(`${JSON.stringify(request, null, 2)}\n`);
      else printRequest(request);
    });
  }
  requests
    .command("answer")
    .description("record the answer: custody steps, last legal holder, diversion point")
    .argument("<id>", "request id")
    .option("--from-json <file>", "answer as JSON {answeredOn, originCountry, lastLegalHolder, diversionPlace, diversionTime, notes, steps: [{holder, role, place, from, to, document}]}")
    .option("--answered-on <date>", "date of the answer (YYYY-MM-DD, default today)")
    .option("--origin <country>", "country of origin established by the trace")
    .option("--last-legal-holder <name>", "last legal holder")
    .option("--diversion-place <place>", "where the weapons left legal custody")
    .option("--diversion-time <time>", "when (date or period)")
    .option("--notes <text>", "anything else the answer says")
    .option("--step <holder|role|place|from|to|document>", "custody step (repeatable, in order)", collect, [])
    .option("--json", "print JSON")
    .action(async (id: string, options: { fromJson?: string; answeredOn?: string; origin?: string; lastLegalHolder?: string; diversionPlace?: string; diversionTime?: string; notes?: string; step: string[]; json?: boolean }, command: Command) => {
      const input: AnswerInput = options.fromJson
        ? (readJsonFile(options.fromJson) as AnswerInput)
        : {
            answeredOn: options.answeredOn ?? today(),
            originCountry: options.origin,
            lastLegalHolder: options.lastLegalHolder,
            diversionPlace: options.diversionPlace,
            diversionTime: options.diversionTime,
            notes: options.notes,
            steps: options.step.map((spec) => {
              const [holder = "", role, place, from, to, document] = spec.split("|").map((part) => part.trim() || undefined);
              return { holder: holder ?? "", role, place, from, to, document };
            }),
          };
      const request = await answerTraceRequest(parsePositiveInteger(id, "request id"), input, new Date().toISOString(), await storeFor(command));
      if (options.json) process.stdout.write(`${JSON.stringify(request, null, 2)}\n`);
      else printRequest(request);
    });
  requests
    .command("show")
    .description("the printable request (text or HTML) with its answer, or JSON")
    .argument("<id>", "request id")
    .option("--format <format>", "text | html | json", "text")
    .action(async (id: string, options: { format: string }, command: Command) => {
      const store = await storeFor(command);
      const request = await store.getRequest(parsePositiveInteger(id, "request id"));
      const seizure = request.seizureId === null ? null : await store.getSeizure(request.seizureId);
      const items = await store.getItems(request.itemIds);
      const document = { request, seizure, items, today: today() };
      if (options.format === "json") process.stdout.write(`${JSON.stringify({ ...request, isOverdue: isOverdue(request, document.today), seizure, items }, null, 2)}\n`);
      else if (options.format === "html") process.stdout.write(renderRequestHtml(document));
      else if (options.format === "text") process.stdout.write(terminalSafe(renderRequestText(document)));
      else throw new ArmtraceError("INVALID_INPUT", `--format must be text, html or json, not "${options.format}"`);
    });
  requests
    .command("list")
    .description("list trace requests: id, status (OVERDUE when past the deadline), addressee, reference, deadline")
    .option("--status <status>", `only this status (${REQUEST_STATUSES.join(", ")})`)
    .option("--overdue", "only overdue requests")
    .option("--json", "print a JSON array")
    .action(async (options: { status?: string; overdue?: boolean; json?: boolean }, command: Command) => {
      if (options.status !== undefined && !REQUEST_STATUSES.includes(options.status as RequestStatus)) {
        throw new ArmtraceError("INVALID_INPUT", `--status must be one of ${REQUEST_STATUSES.join(", ")}`);
      }
      const all = await (await storeFor(command)).listRequests({ status: options.status as RequestStatus | undefined });
      const list = all.filter((request) => !options.overdue || isOverdue(request, today()));
      if (options.json) process.stdout.write(`${JSON.stringify(list.map((request) => ({ ...request, isOverdue: isOverdue(request, today()) })), null, 2)}\n`);
      else for (const request of list) printRequest(request);
    });
}

function registerFindingsCommand(trace: Command, context: CliContext): void {
  trace
    .command("findings")
    .description("seized items by origin, last legal holder and diversion point; flows origin → place of seizure")
    .option("--json", "print JSON (flows carry the gazetteer place id for the map)")
    .action(async (options: { json?: boolean }, command: Command) => {
      const store = createTraceCaseStore(await context.database(command.optsWithGlobals().db));
      const findings = summarizeFindings(await store.findingRows());
      if (options.json) process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
      else process.stdout.write(terminalSafe(formatFindings(findings)));
    });
}
