import cluster, { type Worker } from "node:cluster";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { buildServer } from "../../http/build-server.ts";
import type { CliContext } from "../cli-context.ts";

/** Resolves when SIGINT or SIGTERM arrives or `signal` aborts, whichever is first. */
export function stopRequested(signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      signal?.removeEventListener("abort", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    if (signal?.aborted) stop();
    signal?.addEventListener("abort", stop);
  });
}

/** The URL a listening address is reached at. */
export function urlOf(address: AddressInfo): string {
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}

export interface ServeWorkersOptions {
  databasePath: string;
  port: number;
  host: string;
  workers: number;
  isCaching: boolean;
}

/** What a worker tells the serving process. */
type WorkerMessage = { type: "listening"; address: AddressInfo } | { type: "failed"; message: string };

/** Runs each worker as `armtrace serve` on the same database, port and host. */
const cliEntry = join(import.meta.dirname, "../../../bin/armtrace.mjs");

/** A worker that has not exited this long after being asked to stop is killed. */
const stopGraceMs = 10_000;

/**
 * `armtrace serve --workers N` (N > 1): this process (which has already applied the migrations) starts N
 * worker processes that accept connections on one shared port (node:cluster hands them out in turn), each
 * with its own SQLite connection to the file in WAL mode: reads run side by side on every core, and writes
 * are serialised by SQLite's own lock (busy_timeout waits its turn). A worker's response cache checks
 * SQLite's data_version, so a write through one worker is never served stale by another. A worker that dies
 * is replaced; one that cannot start stops them all with its reason. Serves until SIGINT or SIGTERM.
 */
export async function runServeWorkers(options: ServeWorkersOptions, signal?: AbortSignal): Promise<void> {
  cluster.setupPrimary({
    exec: cliEntry,
    args: ["--db", options.databasePath, "serve", "--port", String(options.port), "--host", options.host, ...(options.isCaching ? [] : ["--no-cache"])],
  });
  let isStopping = false;
  const serving = new Set<Worker>();

  const start = (): Promise<AddressInfo> =>
    new Promise<AddressInfo>((resolve, reject) => {
      const worker = cluster.fork();
      worker.on("message", (message: WorkerMessage) => {
        if (message.type === "listening") {
          serving.add(worker);
          resolve(message.address);
        } else if (message.type === "failed") reject(new Error(message.message));
      });
      worker.on("exit", (code, exitSignal) => {
        if (!serving.delete(worker)) {
          reject(new Error(`a serve worker stopped before it could serve (exit ${code ?? exitSignal})`));
          return;
        }
        if (isStopping) return;
        process.stderr.write(`armtrace API: worker ${worker.id} exited (${code ?? exitSignal}); starting another\n`);
        start().catch((error: Error) => process.stderr.write(`armtrace API: could not replace a worker: ${error.message}\n`));
      });
    });

  const stopAll = async () => {
    isStopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const kill = setTimeout(() => worker.process.kill("SIGKILL"), stopGraceMs);
            worker.once("exit", () => {
              clearTimeout(kill);
              resolve();
            });
            if (worker.isConnected()) worker.send({ type: "stop" });
            else worker.process.kill("SIGTERM");
          }),
      ),
    );
  };

  let address: AddressInfo;
  try {
    [address] = (await Promise.all(Array.from({ length: options.workers }, start))) as [AddressInfo, ...AddressInfo[]];
  } catch (error) {
    await stopAll();
    throw error;
  }
  const url = urlOf(address);
  process.stdout.write(`armtrace API listening on ${url} (database ${options.databasePath}, ${options.workers} worker processes); docs at ${url}/docs\n`);
  await stopRequested(signal);
  process.stdout.write("armtrace API stopping\n");
  await stopAll();
}

/**
 * One worker of `serve --workers N`: serves on the shared port until the serving process asks it to stop (or
 * goes away, or a signal comes), then stops taking requests and lets those in flight finish. Its responses
 * carry `X-Armtrace-Worker` (the worker's number) so a client or a test can tell them apart.
 */
export async function serveAsWorker(
  context: CliContext,
  options: { db: string | undefined; port: number; host: string; isCaching: boolean },
  signal?: AbortSignal,
): Promise<void> {
  const database = await context.database(options.db);
  const app = await buildServer({
    database,
    logger: { level: "warn" },
    maxImportBytes: context.config.maxFileBytes,
    isCaching: options.isCaching,
    responseHeaders: { "x-armtrace-worker": String(cluster.worker?.id ?? 0) },
  });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    process.send?.({ type: "failed", message: (error as Error).message } satisfies WorkerMessage);
    await app.close();
    throw error;
  }
  process.send?.({ type: "listening", address: app.server.address() as AddressInfo } satisfies WorkerMessage);
  const stopMessage = new Promise<void>((resolve) => {
    process.on("message", (message: { type?: string }) => message.type === "stop" && resolve());
    process.once("disconnect", () => resolve());
  });
  await Promise.race([stopMessage, stopRequested(signal)]);
  // A Ctrl-C reaches every process of the group: later signals must not cut short the requests in flight.
  const ignore = () => undefined;
  process.on("SIGINT", ignore);
  process.on("SIGTERM", ignore);
  await app.close();
  if (process.connected) process.disconnect();
}
