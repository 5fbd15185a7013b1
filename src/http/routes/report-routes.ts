import type { FastifyInstance } from "fastify";
import { buildReport, createDistrictLocator, parseReportOptions, renderReport, type ReportFormat } from "../../reports/index.ts";
import type { RouteContext } from "../route-context.ts";
import { problemResponses } from "../problem-responses.ts";

interface ReportQuery {
  from: string;
  to: string;
  country?: string;
  admin1?: string[];
  actor?: string[];
  includeCandidates?: boolean;
  borderKm?: number;
  deadliest?: number;
  evidenceLimit?: number;
  mapFigure?: string;
  format: ReportFormat;
}

const day = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" } as const;
const listOf = (description: string) => ({ type: "array", items: { type: "string", minLength: 1, maxLength: 200 }, maxItems: 50, description }) as const;

const mediaTypes: Record<ReportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
};

/**
 * The HTML report embeds names and notes from the database: forbid scripts and every outside resource, so
 * nothing in the data can run in the reader's browser (the report needs only inline styles and SVG).
 */
const reportContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox";

/** GET /reports: the period report (issue 5) in JSON, CSV, HTML or PDF, the same as `armtrace report`. */
export function registerReportRoutes(app: FastifyInstance, { reports }: RouteContext): void {
  const locateDistrict = createDistrictLocator();

  app.get<{ Querystring: ReportQuery }>(
    "/reports",
    {
      config: { isCacheable: true },
      schema: {
        tags: ["reports"],
        summary: "The period report: totals, provinces, districts, actors, trend, border, deadliest incidents, claims",
        description:
          "An empty period, an inverted or impossible date range, or an unknown province or actor is a 400 problem " +
          "saying so, never a zero-filled report. format=pdf needs chromium on the server (501 problem otherwise).",
        querystring: {
          type: "object",
          properties: {
            from: day,
            to: day,
            country: { type: "string", minLength: 2, maxLength: 20, description: "PK or AF" },
            admin1: listOf("Provinces (repeat the parameter or separate with commas)"),
            actor: listOf("Actors, any alias (repeat the parameter)"),
            includeCandidates: { type: "boolean", default: false },
            borderKm: { type: "integer", minimum: 1, maximum: 300 },
            deadliest: { type: "integer", minimum: 1, maximum: 1000 },
            evidenceLimit: { type: "integer", minimum: 0, maximum: 1_000_000 },
            mapFigure: { type: "string", enum: ["killed", "incidents", "injured"] },
            format: { type: "string", enum: ["json", "csv", "html", "pdf"], default: "json" },
          },
          required: ["from", "to"],
          additionalProperties: false,
        },
        response: {
          200: { description: "The report in the format asked for (JSON object, CSV, self-contained HTML or PDF)", type: "string" },
          ...problemResponses(400, 501),
        },
      },
    },
    async (request, reply) => {
      const { format, ...raw } = request.query;
      const options = parseReportOptions(raw);
      const report = await buildReport(reports, options, { locateDistrict });
      const output = await renderReport(report, format, { mapFigure: options.mapFigure });
      reply.type(mediaTypes[format]);
      if (format === "html") reply.header("content-security-policy", reportContentSecurityPolicy);
      if (format === "pdf") reply.header("content-disposition", `attachment; filename="armtrace-report-${options.from}-${options.to}.pdf"`);
      return reply.send(output);
    },
  );
}
