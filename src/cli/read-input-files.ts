import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { INGESTIBLE_EXTENSIONS, type IncomingFile } from "../sources/index.ts";

/** A path named on the command line, expanded: files as given, folders walked for ingestible files. */
export type InputEntry = { path: string; size: number } | { path: string; error: string };

/** Expands files and folders into a sorted list of files (folders: ingestible extensions only, recursively). */
export async function listInputFiles(paths: string[]): Promise<InputEntry[]> {
  const entries: InputEntry[] = [];
  async function visit(path: string, isExplicit: boolean): Promise<void> {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      entries.push({ path, error: code === "ENOENT" ? "no such file or folder" : `cannot read (${code ?? (error as Error).message})` });
      return;
    }
    if (info.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(path)).sort();
      } catch (error) {
        entries.push({ path, error: `cannot list folder (${(error as NodeJS.ErrnoException).code ?? "error"})` });
        return;
      }
      for (const name of names) if (!name.startsWith(".")) await visit(join(path, name), false);
    } else if (info.isFile()) {
      if (isExplicit || INGESTIBLE_EXTENSIONS.test(path)) entries.push({ path, size: info.size });
    } else if (isExplicit) {
      entries.push({ path, error: "not a regular file" });
    }
  }
  for (const path of paths) await visit(path, true);
  return entries;
}

/** Reads one file, refusing before reading when it exceeds `maxBytes`. */
export async function readInputFile(path: string, size: number, maxBytes: number): Promise<IncomingFile | { error: string }> {
  if (size > maxBytes) return { error: `file too large (${size} bytes; the limit is ${maxBytes}, set ARMTRACE_MAX_FILE_BYTES to change it)` };
  try {
    return { path, bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    return { error: `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}
