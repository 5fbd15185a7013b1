import { sql } from "kysely";
import type { FastifyInstance } from "fastify";
import type { RouteContext } from "../route-context.ts";

const healthResponse = {
  type: "object",
  properties: {
    status: { type: "string", enum: ["ok"] },
    database: { type: "string", enum: ["sqlite", "postgres"] },
    migrations: { type: "integer", description: "Schema migrations applied" },
  },
  required: ["status", "database", "migrations"],
  additionalProperties: false,
} as const;

/** GET /health: the server answers and its database can be read. */
export function registerHealthRoutes(app: FastifyInstance, { database }: RouteContext): void {
  app.get(
    "/health",
    { schema: { tags: ["health"], summary: "Liveness and database check", response: { 200: healthResponse } } },
    async () => {
      const applied = await sql<{ count: number }>`SELECT count(*) AS count FROM schema_migrations`.execute(database.db);
      return { status: "ok", database: database.dialect, migrations: Number(applied.rows[0]?.count ?? 0) };
    },
  );
}
