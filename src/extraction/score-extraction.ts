/**
 * Scores extraction output against gold annotations with the metrics of EXTRACTION.md: events matched one
 * to one (same type; country, admin1 and date at the gold's precision where gold sets them), then over
 * matched pairs exact totals, per-category figures, admin2 and perpetrator sets; claims matched on
 * (metric, value) with qualifier and period agreement. Mirrors the shared scorer's arithmetic exactly.
 */
import { casualtyCategories } from "./extraction-types.ts";

type Counts = Partial<Record<string, number | null>>;

export interface ScoredEvent {
  type: string;
  date?: string | null;
  country?: string | null;
  admin1?: string | null;
  admin2?: string | null;
  perpetrators?: string[];
  killed?: Counts;
  injured?: Counts;
}

export interface ScoredClaim {
  metric: string;
  value: number | string;
  qualifier?: string;
  period?: string | null;
}

/** A gold annotation or a prediction: one document. */
export interface GoldDocument {
  file: string;
  published?: string | null;
  events?: ScoredEvent[];
  claims?: ScoredClaim[];
}

export interface ExtractionScore {
  documents: number;
  events: { gold: number; predicted: number; matched: number; precision: number | null; recall: number | null; f1: number };
  totals_exact: number | null;
  totals: string;
  figures_exact: number | null;
  figures: string;
  admin2_exact: number | null;
  perpetrators_exact: number | null;
  claims: { gold: number; predicted: number; matched: number; precision: number | null; recall: number | null; f1: number; qualifier_exact: number | null; period_exact: number | null };
  /** One line per miss, as the shared scorer's --verbose prints them. */
  misses: string[];
}

/** The document key both sides are matched on: the file's base name without extension. */
export function documentStem(file: string): string {
  const base = String(file).split(/[\\/]/).pop() ?? "";
  return base.replace(/\.(txt|html?|json)$/i, "");
}

const norm = (s: unknown): string | null => (s == null ? null : String(s).trim().toLowerCase());
const dateAgrees = (g: unknown, p: unknown): boolean =>
  g == null || (p != null && String(p).slice(0, String(g).length) === String(g) && String(p).length >= String(g).length);

function eventMatches(g: ScoredEvent, p: ScoredEvent): boolean {
  if (g.type !== p.type) return false;
  if (g.country != null && norm(g.country) !== norm(p.country)) return false;
  if (g.admin1 != null && norm(g.admin1) !== norm(p.admin1)) return false;
  return dateAgrees(g.date, p.date);
}
function agreement(g: ScoredEvent, p: ScoredEvent): number {
  let n = 0;
  if (g.admin2 != null && norm(g.admin2) === norm(p.admin2)) n++;
  for (const k of ["killed", "injured"] as const) for (const c of casualtyCategories) if (g[k]?.[c] != null && g[k]![c] === p[k]?.[c]) n++;
  return n;
}
const sameSet = (a: string[] = [], b: string[] = []): boolean => {
  const x = new Set(a.map(norm));
  const y = new Set(b.map(norm));
  return x.size === y.size && [...x].every((v) => y.has(v));
};

/** Scores predicted documents against gold documents. */
export function scoreExtraction(goldDocuments: readonly GoldDocument[], predictedDocuments: readonly GoldDocument[]): ExtractionScore {
  const gold = new Map(goldDocuments.map((g) => [documentStem(g.file), g]));
  const pred = new Map(predictedDocuments.map((d) => [documentStem(d.file), d]));
  const t = { evGold: 0, evPred: 0, evTp: 0, totTotal: 0, totRight: 0, figTotal: 0, figRight: 0, a2Total: 0, a2Right: 0, perpTotal: 0, perpRight: 0, clGold: 0, clPred: 0, clTp: 0, qualRight: 0, periodRight: 0 };
  const misses: string[] = [];
  for (const [id, g] of gold) {
    const p = pred.get(id) ?? { file: id, events: [], claims: [] };
    if (!pred.has(id)) misses.push(`${id}: no prediction for this document`);
    const pe = [...(p.events ?? [])];
    const pc = [...(p.claims ?? [])];
    const goldEvents = g.events ?? [];
    const goldClaims = g.claims ?? [];
    t.evGold += goldEvents.length;
    t.evPred += pe.length;
    const used = new Set<number>();
    for (const ge of goldEvents) {
      let best = -1;
      let bestScore = -1;
      pe.forEach((x, i) => {
        if (!used.has(i) && eventMatches(ge, x)) {
          const s = agreement(ge, x);
          if (s > bestScore) {
            best = i;
            bestScore = s;
          }
        }
      });
      if (best < 0) {
        misses.push(`${id}: missed ${ge.type} ${ge.date ?? ""} ${ge.admin1 ?? ge.country ?? ""}`);
        continue;
      }
      used.add(best);
      t.evTp++;
      const x = pe[best]!;
      for (const k of ["killed", "injured"] as const) {
        const gs = casualtyCategories.map((c) => ge[k]?.[c]).filter((v): v is number => v != null);
        if (!gs.length) continue;
        const gsum = gs.reduce((a, b) => a + b, 0);
        const psum = casualtyCategories.map((c) => x[k]?.[c]).filter((v): v is number => v != null).reduce((a, b) => a + b, 0);
        t.totTotal++;
        if (gsum === psum) t.totRight++;
        else misses.push(`${id}: ${ge.type} ${k} total gold ${gsum} got ${psum}`);
      }
      for (const k of ["killed", "injured"] as const)
        for (const c of casualtyCategories)
          if (ge[k]?.[c] != null) {
            t.figTotal++;
            if (ge[k]![c] === x[k]?.[c]) t.figRight++;
            else misses.push(`${id}: ${ge.type} ${k}.${c} gold ${ge[k]![c]} got ${x[k]?.[c]}`);
          }
      if (ge.admin2 != null) {
        t.a2Total++;
        if (norm(ge.admin2) === norm(x.admin2)) t.a2Right++;
        else misses.push(`${id}: admin2 gold ${ge.admin2} got ${x.admin2}`);
      }
      if ((ge.perpetrators ?? []).length) {
        t.perpTotal++;
        if (sameSet(ge.perpetrators, x.perpetrators)) t.perpRight++;
        else misses.push(`${id}: perpetrators gold ${ge.perpetrators} got ${x.perpetrators}`);
      }
    }
    pe.forEach((x, i) => {
      if (!used.has(i)) misses.push(`${id}: spurious ${x.type} ${x.date ?? ""} ${x.admin1 ?? x.country ?? ""}`);
    });
    t.clGold += goldClaims.length;
    t.clPred += pc.length;
    const usedC = new Set<number>();
    for (const gc of goldClaims) {
      const i = pc.findIndex((x, j) => !usedC.has(j) && x.metric === gc.metric && Number(x.value) === Number(gc.value));
      if (i < 0) {
        misses.push(`${id}: missed claim ${gc.metric}=${gc.value}`);
        continue;
      }
      usedC.add(i);
      t.clTp++;
      if (pc[i]!.qualifier === gc.qualifier) t.qualRight++;
      if ((pc[i]!.period ?? null) === (gc.period ?? null)) t.periodRight++;
    }
    pc.forEach((x, i) => {
      if (!usedC.has(i)) misses.push(`${id}: spurious claim ${x.metric}=${x.value}`);
    });
  }
  const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
  const f1 = (tp: number, np: number, ng: number): number => {
    const p = ratio(tp, np);
    const r = ratio(tp, ng);
    return p == null || r == null || p + r === 0 ? (ng === 0 && np === 0 ? 1 : 0) : (2 * p * r) / (p + r);
  };
  return {
    documents: gold.size,
    events: { gold: t.evGold, predicted: t.evPred, matched: t.evTp, precision: ratio(t.evTp, t.evPred), recall: ratio(t.evTp, t.evGold), f1: f1(t.evTp, t.evPred, t.evGold) },
    totals_exact: ratio(t.totRight, t.totTotal),
    totals: `${t.totRight}/${t.totTotal}`,
    figures_exact: ratio(t.figRight, t.figTotal),
    figures: `${t.figRight}/${t.figTotal}`,
    admin2_exact: ratio(t.a2Right, t.a2Total),
    perpetrators_exact: ratio(t.perpRight, t.perpTotal),
    claims: {
      gold: t.clGold,
      predicted: t.clPred,
      matched: t.clTp,
      precision: ratio(t.clTp, t.clPred),
      recall: ratio(t.clTp, t.clGold),
      f1: f1(t.clTp, t.clPred, t.clGold),
      qualifier_exact: ratio(t.qualRight, t.clTp),
      period_exact: ratio(t.periodRight, t.clTp),
    },
    misses,
  };
}

/** The score as the shared scorer prints it (four lines). */
export function formatScore(score: ExtractionScore): string {
  const pct = (v: number | null): string => (v == null ? "n/a" : `${(100 * v).toFixed(1)}%`);
  const e = score.events;
  const c = score.claims;
  return [
    `documents ${score.documents}`,
    `events   P ${pct(e.precision)}  R ${pct(e.recall)}  F1 ${pct(e.f1)}  (${e.matched} matched, ${e.predicted} predicted, ${e.gold} gold)`,
    `totals exact ${pct(score.totals_exact)} (${score.totals})  by category ${pct(score.figures_exact)} (${score.figures})  admin2 ${pct(score.admin2_exact)}  perpetrators ${pct(score.perpetrators_exact)}`,
    `claims   P ${pct(c.precision)}  R ${pct(c.recall)}  F1 ${pct(c.f1)}  qualifier ${pct(c.qualifier_exact)}  period ${pct(c.period_exact)}`,
  ].join("\n");
}
