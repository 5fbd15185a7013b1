import type { Selectable } from "kysely";
import { ArmtraceError } from "../errors.ts";
import type { CandidateRepository, ExtractionRun, StoredClaim } from "../extraction/candidate-repository.ts";
import type { ClaimMetric, ClaimQualifier, ExtractedClaim } from "../extraction/extraction-types.ts";
import type { ArmtraceDatabase } from "./database.ts";
import type { ClaimsTable } from "./tables/claims.ts";

/** A claims row as SQLite returns it. */
type ClaimRow = Selectable<ClaimsTable>;

function toClaim(row: ClaimRow): StoredClaim {
  return {
    id: row.id,
    sourceId: row.source_id,
    metric: row.metric as ClaimMetric,
    value: row.value,
    qualifier: row.qualifier as ClaimQualifier,
    period: row.period,
    scope: row.scope,
    attributedTo: row.attributed_to,
    evidence: row.evidence_start === null || row.evidence_end === null ? null : { start: row.evidence_start, end: row.evidence_end },
    evidenceText: row.evidence_text,
    reviewState: row.review_state,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** Extraction results on SQLite, through prepared statements on the same connection as the event store. */
export function createCandidateStore(database: ArmtraceDatabase): CandidateRepository {
  const sqlite = database.sqlite;
  if (!sqlite) throw new ArmtraceError("DEPENDENCY_MISSING", "saving extraction candidates needs the SQLite store in this version");
  const selectRun = sqlite.prepare<[number], { source_id: number; extractor: string; ran_at: string; ran_by: string; event_ids: string; claim_count: number }>(
    "SELECT * FROM extraction_runs WHERE source_id = ?",
  );
  const insertRun = sqlite.prepare(
    "INSERT INTO extraction_runs (source_id, extractor, ran_at, ran_by, event_ids, claim_count) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertClaim = sqlite.prepare(
    `INSERT INTO claims (source_id, metric, value, qualifier, period, scope, attributed_to, evidence_start, evidence_end, evidence_text, created_at, created_by)
     VALUES (@source_id, @metric, @value, @qualifier, @period, @scope, @attributed_to, @evidence_start, @evidence_end, @evidence_text, @created_at, @created_by)`,
  );
  return {
    runFor(sourceId) {
      const row = selectRun.get(sourceId);
      if (!row) return undefined;
      return { sourceId: row.source_id, extractor: row.extractor, ranAt: row.ran_at, ranBy: row.ran_by, eventIds: JSON.parse(row.event_ids) as number[], claimCount: row.claim_count };
    },
    recordRun(run: ExtractionRun) {
      insertRun.run(run.sourceId, run.extractor, run.ranAt, run.ranBy, JSON.stringify(run.eventIds), run.claimCount);
    },
    addClaims(sourceId: number, claims: ExtractedClaim[], text: string, author: string, at: string) {
      return claims.map((claim) => {
        const first = claim.evidence[0];
        const last = claim.evidence[claim.evidence.length - 1];
        const result = insertClaim.run({
          source_id: sourceId,
          metric: claim.metric,
          value: claim.value,
          qualifier: claim.qualifier,
          period: claim.period,
          scope: claim.scope,
          attributed_to: claim.attributed_to,
          evidence_start: first?.start ?? null,
          evidence_end: last?.end ?? null,
          evidence_text: first && last ? text.slice(first.start, last.end) : null,
          created_at: at,
          created_by: author,
        });
        return Number(result.lastInsertRowid);
      });
    },
    listClaims(filter = {}) {
      const conditions: string[] = [];
      const parameters: Array<string | number> = [];
      if (filter.sourceId !== undefined) {
        conditions.push("source_id = ?");
        parameters.push(filter.sourceId);
      }
      if (filter.metric !== undefined) {
        conditions.push("metric = ?");
        parameters.push(filter.metric);
      }
      const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
      return (sqlite.prepare(`SELECT * FROM claims ${where} ORDER BY id`).all(...parameters) as ClaimRow[]).map(toClaim);
    },
    transaction(work) {
      return sqlite.transaction(work)();
    },
  };
}
