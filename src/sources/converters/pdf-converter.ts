import { extractText, getDocumentProxy, getMeta } from "unpdf";
import { normalizePublished } from "../published-date.ts";
import { isBlank, tidyText } from "./decode-text.ts";
import { failed, type ConversionResult, type IncomingFile } from "./converter.ts";

/** PDF "D:20240131…" dates → ISO. */
function pdfDate(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(value);
  if (!match) return normalizePublished(value);
  return [match[1], match[2], match[3]].filter(Boolean).join("-");
}

/** PDF reports: the text of every page (a scanned PDF without a text layer is refused as such). */
export async function convertPdfFile(file: IncomingFile): Promise<ConversionResult> {
  const head = new TextDecoder("latin1").decode(file.bytes.subarray(0, 1024));
  if (!head.includes("%PDF-")) return failed("not a PDF (no %PDF header)");
  let text: string;
  let info: Record<string, unknown> = {};
  try {
    const pdf = await getDocumentProxy(new Uint8Array(file.bytes), { verbosity: 0 });
    const extracted = await extractText(pdf, { mergePages: false });
    text = tidyText(extracted.text.join("\n\n"));
    info = ((await getMeta(pdf)).info ?? {}) as Record<string, unknown>;
  } catch (error) {
    return failed(`malformed PDF: ${(error as Error).message}`);
  }
  if (isBlank(text)) return failed("PDF has no text layer (scanned images are not read)");
  const title = typeof info.Title === "string" && info.Title.trim() ? info.Title.trim() : null;
  return {
    results: [
      {
        kind: "pdf",
        origin: file.path,
        url: null,
        title,
        outlet: typeof info.Author === "string" && info.Author.trim() ? info.Author.trim() : null,
        published: pdfDate(info.CreationDate),
        mediaType: "application/pdf",
        raw: file.bytes,
        text,
      },
    ],
    errors: [],
  };
}
