import { renderPdf } from "./render-pdf.ts";
import { renderReportCsv, renderReportJson } from "./render-report-data.ts";
import { renderReportHtml } from "./render-report-html.ts";
import type { Report, ReportFormat } from "./report.ts";

/** Evidence rows a PDF page carries at most (the JSON and CSV keep every row). */
const PDF_EVIDENCE_ROWS = 300;

/** The report in the format asked for; the CLI and the API both render through this one function. */
export async function renderReport(report: Report, format: ReportFormat, options: { mapFigure?: "killed" | "incidents" | "injured" } = {}): Promise<string | Buffer> {
  if (format === "json") return renderReportJson(report);
  if (format === "csv") return renderReportCsv(report);
  if (format === "html") return renderReportHtml(report, { mapFigure: options.mapFigure });
  return renderPdf(renderReportHtml(report, { mapFigure: options.mapFigure, evidenceRowLimit: PDF_EVIDENCE_ROWS }));
}
