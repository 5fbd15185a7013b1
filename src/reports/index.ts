/** Public surface of the reports module: parse options, build the report's data, render it. */
export { buildReport, type BuildReportDependencies, type LocateDistrict } from "./build-report.ts";
export { createDistrictLocator } from "./locate-district.ts";
export { parseReportOptions, rawReportOptionsSchema, type RawReportOptions } from "./parse-report-options.ts";
export { renderPdf, isChromiumAvailable, defaultChromiumPath } from "./render-pdf.ts";
export { renderReportCsv, renderReportJson } from "./render-report-data.ts";
export { renderReportHtml } from "./render-report-html.ts";
export { renderReport } from "./render-report.ts";
export type { Report, ReportDataSource, ReportFormat, ReportOptions } from "./report.ts";
