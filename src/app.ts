import { defaultActorRegistry } from "./actors/index.ts";
import { defaultGazetteer, type Gazetteer } from "./codebook/gazetteer.ts";
import type { EventDependencies } from "./events/index.ts";
import type { CandidateRepository } from "./extraction/candidate-repository.ts";
import { defaultExtractionCodebook, extractDocument, type ExtractedDocument } from "./extraction/index.ts";
import { saveCandidates, type SaveCandidatesOutcome } from "./extraction/save-candidates.ts";
import type { SourceLibrary } from "./sources/index.ts";
import { createCandidateStore } from "./storage/candidate-store.ts";
import type { ArmtraceDatabase } from "./storage/database.ts";
import { EventStore } from "./storage/event-store.ts";
import { ReportStore } from "./storage/report-store.ts";
import { SourceReliabilityStore } from "./storage/source-reliability-store.ts";
import { createSourceStore } from "./storage/source-store.ts";
import { ArmtraceError } from "./errors.ts";

/**
 * The composition root the CLI and the HTTP API share: every store on one database, wired once, and the
 * use cases that span modules. Adapters call these; they never wire stores themselves.
 */
export interface Services {
  database: ArmtraceDatabase;
  sources: SourceLibrary;
  events: EventDependencies;
  candidates: CandidateRepository;
  reports: ReportStore;
  gazetteer: Gazetteer;
  /** Extracts a stored source and saves the results as review candidates (once per source). */
  extractSource(sourceId: number, author: string): Promise<{ document: ExtractedDocument; outcome: SaveCandidatesOutcome }>;
}

export function createServices(database: ArmtraceDatabase): Services {
  const sources = createSourceStore(database);
  const events: EventDependencies = {
    events: new EventStore(database),
    now: () => new Date().toISOString(),
    actors: defaultActorRegistry(),
    sourceReliability: new SourceReliabilityStore(database),
  };
  const candidates = createCandidateStore(database);
  const gazetteer = defaultGazetteer();
  return {
    database,
    sources,
    events,
    candidates,
    reports: new ReportStore(database),
    gazetteer,
    async extractSource(sourceId, author) {
      const source = await sources.get(sourceId);
      if (!source) throw new ArmtraceError("SOURCE_NOT_FOUND", `no source with id ${sourceId}`);
      const document = extractDocument(source.text, {
        file: source.url ?? source.origin,
        published: source.published,
        codebook: defaultExtractionCodebook(),
        isHtml: false,
      });
      const outcome = saveCandidates({ events, candidates, gazetteer }, sourceId, document, author);
      return { document, outcome };
    },
  };
}
