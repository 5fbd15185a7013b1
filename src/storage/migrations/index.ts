import type { Migration } from "../migrate.ts";
import { migration001Sources } from "./001-sources.ts";

/** Every migration armtrace knows, in apply order (ids sort the same way). Append only. */
export const migrations: readonly Migration[] = [migration001Sources];
