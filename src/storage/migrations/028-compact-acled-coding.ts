import { sql } from "kysely";
import type { Migration } from "../migrate.ts";
import { acledCodingKeys, acledRegionOfCountry, acledSubEventParents } from "../acled-coding-column.ts";

const quote = (text: string | null) => (text === null ? "NULL" : `'${text.replace(/'/g, "''")}'`);

/** A CASE over `subject` giving each key of `map` its value (NULL for any other). */
function lookup(subject: string, map: ReadonlyMap<string, string>): string {
  return `CASE ${subject} ${[...map].map(([key, value]) => `WHEN ${quote(key)} THEN ${quote(value)}`).join(" ")} END`;
}

/** The JSON path of `key` when `condition` holds, else a path to no key (json_remove then leaves the text alone). */
function removedWhen(key: string, condition: string): string {
  return `CASE WHEN ${condition} THEN '$.${key}' ELSE '$.__kept' END`;
}

const value = (key: string) => `json_extract(acled_json, '$.${key}')`;
const typeOf = (key: string) => `json_type(acled_json, '$.${key}')`;
const subEventType = value("subEventType");

/**
 * The ACLED coding column without what the row already says (src/storage/acled-coding-column.ts): the stored
 * JSON drops the keys a read restores (id, event and disorder type of the sub-event type, the date, the
 * country's region, civilian targeting when false, null values). This was half of an imported event's row; the
 * event read back is unchanged. SQLite only: the read path takes the full JSON as well, so PostgreSQL needs nothing.
 */
export const migration028CompactAcledCoding: Migration = {
  id: "028-compact-acled-coding",
  async up(db, dialect) {
    if (dialect !== "sqlite") return;
    const eventTypes = new Map([...acledSubEventParents].map(([sub, parent]) => [sub, parent.eventType]));
    const disorderTypes = new Map([...acledSubEventParents].map(([sub, parent]) => [sub, parent.disorderType]));
    const paths = [
      removedWhen("eventIdCnty", `${value("eventIdCnty")} IS acled_event_id`),
      removedWhen("eventType", `${value("eventType")} = ${lookup(subEventType, eventTypes)}`),
      removedWhen("disorderType", `${value("disorderType")} = ${lookup(subEventType, disorderTypes)}`),
      removedWhen("eventDate", `${value("eventDate")} = date`),
      removedWhen("region", `${value("region")} = ${lookup("country", acledRegionOfCountry)}`),
      removedWhen("civilianTargeting", `${typeOf("civilianTargeting")} = 'false'`),
      ...acledCodingKeys
        .filter((key) => !["eventIdCnty", "eventType", "disorderType", "eventDate", "region", "civilianTargeting"].includes(key))
        .map((key) => removedWhen(key, `${typeOf(key)} = 'null'`)),
    ];
    await sql.raw(`UPDATE events SET acled_json = json_remove(acled_json, ${paths.join(", ")}) WHERE acled_json IS NOT NULL`).execute(db);
  },
};
