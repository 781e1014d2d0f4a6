/**
 * Performance targets and their evaluation against benchmark results.
 * `results[size].cases[name]` is a measureCase result; `results[size].rss` a measurePeakRss one.
 */

const BASELINE = 'baseline';

/** Each target names the size it applies to and how to judge the measurement. */
export const TARGETS = [
  ...[['search-common', 'sdd search <common>'], ['search-rare', 'sdd search <rare>'], ['query', 'sdd query']].flatMap(([name, label]) => [
    { size: 10000, label: `warm ${label} at 10k <= 1.4× node -e 0`, ratio: { name, max: 1.4 } },
    { size: 100000, label: `warm ${label} at 100k <= 2.5× node -e 0`, ratio: { name, max: 2.5 } },
  ]),
  { size: 10000, label: 'no-change refresh at 10k <= 1.6× node -e 0', ratio: { name: 'refresh-nochange', max: 1.6 } },
  { size: 100000, label: 'no-change refresh at 100k <= 1500 ms', ms: { name: 'refresh-nochange', max: 1500 } },
  { size: 10000, label: 'full rebuild at 10k <= 2000 ms', ms: { name: 'rebuild', max: 2000 } },
  { size: 100000, label: 'full rebuild at 100k <= 20000 ms', ms: { name: 'rebuild', max: 20000 } },
  { size: 100000, label: 'peak RSS of cache rebuild at 100k <= 300 MB', rss: { max: 300 } },
  { size: 100000, label: 'sdd search <common> faster than rg -il at 100k', faster: { name: 'search-common', than: 'rg-common' } },
  { size: 100000, label: 'sdd search <rare> faster than rg -il at 100k', faster: { name: 'search-rare', than: 'rg-rare' } },
];

/**
 * Judges every target: PASS, FAIL, N/A (the command is missing or failed) or SKIP (that size or
 * case was not measured). Returns [{label, verdict, actual}].
 */
export function evaluateTargets(results) {
  return TARGETS.map((t) => {
    const sizeResult = results[t.size];
    if (!sizeResult) return { label: t.label, verdict: 'SKIP', actual: `size ${t.size} not run` };
    const get = (name) => sizeResult.cases[name];
    if (t.rss) {
      const r = sizeResult.rss;
      if (!r) return { label: t.label, verdict: 'SKIP', actual: 'not measured' };
      if (r.status !== 'ok') return { label: t.label, verdict: 'N/A', actual: r.detail ?? r.status };
      return judge(t.label, r.mb <= t.rss.max, `${r.mb.toFixed(0)} MB`);
    }
    const spec = t.ratio ?? t.ms ?? t.faster;
    const c = get(spec.name);
    if (!c) return { label: t.label, verdict: 'SKIP', actual: 'not measured' };
    if (c.status !== 'ok') return { label: t.label, verdict: 'N/A', actual: c.detail ?? c.status };
    if (t.ms) return judge(t.label, c.median <= t.ms.max, `${fmt(c.median)} ms`);
    if (t.ratio) {
      const base = get(BASELINE);
      const ratio = c.median / base.median;
      return judge(t.label, ratio <= t.ratio.max, `${ratio.toFixed(2)}× (${fmt(c.median)} ms vs ${fmt(base.median)} ms)`);
    }
    const other = get(t.faster.than);
    if (!other) return { label: t.label, verdict: 'SKIP', actual: `${t.faster.than} not measured` };
    if (other.status !== 'ok') return { label: t.label, verdict: 'N/A', actual: `${t.faster.than}: ${other.detail ?? other.status}` };
    return judge(t.label, c.median < other.median, `${fmt(c.median)} ms vs ${fmt(other.median)} ms`);
  });
}

function judge(label, pass, actual) {
  return { label, verdict: pass ? 'PASS' : 'FAIL', actual };
}

function fmt(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}
