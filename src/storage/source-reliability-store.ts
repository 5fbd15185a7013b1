import { sql } from "kysely";
import { ArmtraceError } from "../errors.ts";
import type { ChangeAuthor, ReliabilityGrade } from "../events/event.ts";
import type { SourceReliabilityRepository } from "../events/event-repository.ts";
import type { ArmtraceDatabase } from "./database.ts";

/** Reads and writes the Admiralty grade columns migration 021 added to `sources`, recording who set them. */
export class SourceReliabilityStore implements SourceReliabilityRepository {
  constructor(private readonly database: ArmtraceDatabase) {}

  async setGrade(sourceId: number, grade: ReliabilityGrade | null, author: ChangeAuthor, at: string): Promise<void> {
    const result = await sql`UPDATE sources SET reliability_source = ${grade?.source ?? null}, reliability_information = ${grade?.information ?? null},
      reliability_set_by = ${author.actor}, reliability_set_at = ${at} WHERE id = ${sourceId}`.execute(this.database.db);
    if (Number(result.numAffectedRows ?? 0) === 0) throw new ArmtraceError("SOURCE_NOT_FOUND", `source ${sourceId} does not exist`);
  }

  async getGrade(sourceId: number): Promise<ReliabilityGrade | null | undefined> {
    const result = await sql<{ reliability_source: string | null; reliability_information: number | null }>`
      SELECT reliability_source, reliability_information FROM sources WHERE id = ${sourceId}`.execute(this.database.db);
    const row = result.rows[0];
    if (row === undefined) return undefined;
    if (row.reliability_source === null || row.reliability_information === null) return null;
    return { source: row.reliability_source as ReliabilityGrade["source"], information: row.reliability_information as ReliabilityGrade["information"] };
  }
}
