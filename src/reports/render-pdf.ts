import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArmtraceError } from "../errors.ts";

/**
 * Prints the report's HTML to PDF through Debian's chromium driven by playwright-core. This is the reports
 * module's one adapter to the outside (a browser process and a temporary profile folder); everything else in
 * src/reports is pure. Without a browser it throws DEPENDENCY_MISSING with what to install.
 */

/** Where Debian's `chromium` package puts the browser. */
export const defaultChromiumPath = "/usr/bin/chromium";

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** True when a chromium executable exists at `path`. */
export function isChromiumAvailable(path: string = defaultChromiumPath): boolean {
  return existsSync(path);
}

/** Renders self-contained HTML to an A4 PDF; the page may not load anything from the network. */
export async function renderPdf(html: string, options: { chromiumPath?: string } = {}): Promise<Buffer> {
  const executablePath = options.chromiumPath ?? defaultChromiumPath;
  if (!isChromiumAvailable(executablePath)) {
    throw new ArmtraceError(
      "DEPENDENCY_MISSING",
      `PDF output needs a headless chromium at ${executablePath}; install it (Debian: apt-get install -y chromium) or choose --format html`,
    );
  }
  let playwright: typeof import("playwright-core");
  try {
    playwright = await import("playwright-core");
  } catch {
    throw new ArmtraceError("DEPENDENCY_MISSING", "PDF output needs the playwright-core package (npm install playwright-core)");
  }
  const profile = mkdtempSync(join(tmpdir(), "armtrace-pdf-"));
  try {
    const context = await playwright.chromium.launchPersistentContext(profile, { executablePath, args: chromiumArgs, headless: true, offline: true });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
      await page.setContent(html, { waitUntil: "load" });
      return await page.pdf({ format: "A4", printBackground: true, margin: { top: "14mm", bottom: "14mm", left: "12mm", right: "12mm" } });
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
