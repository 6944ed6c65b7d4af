// A plain-JavaScript Monte Carlo of the calculator's kernel, for the
// benchmark only: the yardstick the WebAssembly build is compared with.
//
// It follows src/model/engine.rs and src/model/uncertainty.rs for scenarios
// shaped like the default one (library programmes whose effects are
// relative, percentage-point or per-council; no per-case benefits):
// ramp, persistence, baseline growth, optimism/deadweight/attribution
// adjustment, combination of programmes per outcome, years in care per
// entry spread over the following years, unit costs, the cost formula with
// optimism bias, discounting, triangular draws of every effect size, unit
// cost and engagement, and the 10th/50th/90th percentiles by year.
//
// Its generator is the same as Rust's: PCG-64 MCG (`rand_pcg::Pcg64Mcg`,
// 128-bit multiplicative state, XSL-RR output) seeded through rand_core's
// `seed_from_u64`, with 53-bit uniforms, drawn in the same order. So it
// makes exactly the same draws, and its percentiles match the wasm ones to
// rounding (JavaScript's Math.pow where Rust multiplies out powi). The
// 128-bit multiply is done on 16-bit limbs in doubles, exactly.
// Every input comes from the scenario and the library objects given (the
// wasm `defaultScenario()` and `library()` exports), not copied by hand.

export const OUTCOMES = [
  'care_entries',
  'cp_plans',
  'children_in_need',
  'care_proceedings',
  'police_incidents',
  'emergency_admissions',
];

const COUNCIL_FIELD = {
  care_entries: 'care_starts',
  cp_plans: 'cp_plans',
  children_in_need: 'children_in_need',
  care_proceedings: 'care_proceedings',
  police_incidents: 'police_incidents',
  emergency_admissions: 'emergency_admissions',
};

const GRADE_OPTIMISM = {
  rct: 'rct_pct',
  qed: 'qed_pct',
  before_after: 'before_after_pct',
  modelled: 'modelled_pct',
};

const RELATIVE = 0;
const POINTS = 1;
const PER_COUNCIL = 2;

const LEVEL = { low: 'low', central: 'central', high: 'high' };

/** Everything fixed for a scenario (the JS twin of `engine::Plan`). */
export function makePlan(scenario, library) {
  const a = scenario.assumptions;
  const u = scenario.unit_costs;
  const k = scenario.council;
  const h = a.horizon_years;
  const funded = Math.max(a.funding_years, 1);
  const level = LEVEL[a.effect_level] ?? 'central';

  const programmes = scenario.programmes.map((choice) => {
    const prog = library.find((p) => p.id === choice.programme);
    if (!prog) throw new Error(`mc-kernel: unknown programme ${choice.programme}`);
    if (prog.case_benefits.length > 0) {
      throw new Error(`mc-kernel: per-case benefits (${prog.id}) are not implemented`);
    }
    const effects = prog.effects.map((e) => {
      let kind;
      let base = 0;
      if (e.measure === 'relative') kind = RELATIVE;
      else if (e.measure === 'percentage_points') {
        kind = POINTS;
        base = e.control_pct;
      } else if (e.measure === 'per_council') {
        kind = PER_COUNCIL;
        base = e.counterfactual;
      } else throw new Error(`mc-kernel: measure ${e.measure} is not implemented`);
      return {
        outcome: OUTCOMES.indexOf(e.outcome),
        kind,
        base,
        size: e.size[level],
        range: [e.size.low, e.size.central, e.size.high],
      };
    });
    const optimism = a.optimism_bias_benefits[GRADE_OPTIMISM[prog.grade]];
    const cohortDefault = prog.cohort.default_from ? k[prog.cohort.default_from] : null;
    return {
      cohort: choice.cohort ?? cohortDefault ?? 0,
      engagement: choice.engagement_pct / 100,
      costPerCase: choice.cost_per_case ?? prog.cost?.per_case ?? 0,
      annualCost: choice.annual_cost,
      setupCost: choice.setup_cost,
      adjustment:
        (1 - choice.deadweight_pct / 100) *
        (1 - choice.attribution_pct / 100) *
        (1 - optimism / 100) *
        (choice.effect_scale_pct / 100),
      effects,
    };
  });

  const lastFunded = Math.min(funded, Math.max(h, 1)) - 1;
  const ramp = new Float64Array(h);
  const persist = new Float64Array(h);
  const growth = new Float64Array(h);
  const discount = new Float64Array(h);
  const rate = a.discount_rate_pct / 100;
  for (let t = 0; t < h; t++) {
    const rt = Math.min(t, lastFunded);
    ramp[t] = a.ramp_pct[Math.min(rt, a.ramp_pct.length - 1)] / 100;
    let p = Math.pow(1 - a.drop_off_pct / 100, t);
    if (t >= funded) p *= Math.pow(1 - a.decay_after_funding_pct / 100, t - funded + 1);
    persist[t] = p;
    growth[t] = Math.pow(1 + a.baseline_trend_pct / 100, t);
    discount[t] = 1 / Math.pow(1 + rate, t);
  }

  let careYears = a.care_years;
  if (careYears == null) {
    const cla = k.children_looked_after;
    const ceased = k.care_ceased;
    if (cla > 0 && ceased > 0) careYears = Math.min(Math.max(cla / ceased, 0.1), 18);
    else throw new Error('mc-kernel: needs care_years or the council looked-after figures');
  }
  const profile = new Float64Array(h);
  let left = careYears;
  for (let t = 0; t < h; t++) {
    const take = Math.max(Math.min(left, t === 0 ? 0.5 : 1), 0);
    left -= take;
    profile[t] = take;
  }

  const share = u.residential_share_pct / 100;
  const unit = new Float64Array([
    52 * (u.foster_weekly * (1 - share) + u.residential_weekly * share),
    u.cp_plan_annual,
    u.cin_annual,
    u.care_proceedings,
    u.police_incident,
    u.emergency_admission,
  ]);
  const council = OUTCOMES.map((o) => k[COUNCIL_FIELD[o]] ?? null);

  return {
    h,
    funded,
    programmes,
    ramp,
    persist,
    growth,
    discount,
    profile,
    unit,
    council,
    costUplift: 1 + a.optimism_bias_costs_pct / 100,
  };
}

const MASK64 = (1n << 64n) - 1n;

/** rand_core's `seed_from_u64` for a 16-byte seed: PCG32 words, little-endian. */
function seedState(seed) {
  let state = BigInt(seed) & MASK64;
  let x = 0n;
  for (let i = 0; i < 4; i++) {
    state = (state * 6364136223846793005n + 11634580027462260723n) & MASK64;
    const xorshifted = Number((((state >> 18n) ^ state) >> 27n) & 0xffffffffn);
    const rot = Number(state >> 59n);
    const word = ((xorshifted >>> rot) | (xorshifted << ((32 - rot) & 31))) >>> 0;
    x |= BigInt(word) << BigInt(32 * i);
  }
  return x | 1n; // Mcg128Xsl64::new forces the low bit
}

const limbs = (big) => Float64Array.from({ length: 8 }, (_, i) => Number((big >> BigInt(16 * i)) & 0xffffn));
const MULTIPLIER = limbs(0x2360ed051fc65da44385df649fccf645n);

/**
 * PCG-64 MCG as `rand_pcg::Pcg64Mcg::seed_from_u64(seed)`; returns uniforms
 * in [0, 1) as `(next_u64() >> 11) × 2⁻⁵³`.
 */
export function pcg64mcg(seed) {
  const s = limbs(seedState(seed));
  const m = MULTIPLIER;
  const r = new Float64Array(8);
  return function next() {
    // state = state × MULTIPLIER mod 2¹²⁸, 16 bits a limb.
    let carry = 0;
    for (let k = 0; k < 8; k++) {
      let sum = carry;
      for (let i = 0; i <= k; i++) sum += s[i] * m[k - i];
      carry = Math.floor(sum / 65536);
      r[k] = sum - carry * 65536;
    }
    s.set(r);
    // XSL-RR: (high 64 bits ^ low 64 bits) rotated right by the top 6 bits.
    let lo = ((s[0] | (s[1] << 16)) ^ (s[4] | (s[5] << 16))) >>> 0;
    let hi = ((s[2] | (s[3] << 16)) ^ (s[6] | (s[7] << 16))) >>> 0;
    let rot = s[7] >>> 10;
    if (rot >= 32) {
      const t = lo;
      lo = hi;
      hi = t;
      rot -= 32;
    }
    if (rot > 0) {
      const nlo = ((lo >>> rot) | (hi << (32 - rot))) >>> 0;
      hi = ((hi >>> rot) | (lo << (32 - rot))) >>> 0;
      lo = nlo;
    }
    return (hi * 2097152 + (lo >>> 11)) / 9007199254740992;
  };
}

/** A draw from the triangular distribution on (low, mode, high). */
export function triangular(u, low, mode, high) {
  const span = high - low;
  if (span <= 0) return mode;
  if (u < (mode - low) / span) return low + Math.sqrt(u * span * (mode - low));
  return high - Math.sqrt((1 - u) * span * (high - mode));
}

/** The value at quantile q of `values` (reordered), as Rust's `quantile`. */
function quantile(values, q) {
  const n = values.length;
  if (n === 0) return 0;
  const k = Math.round((n - 1) * q);
  let lo = 0;
  let hi = n - 1;
  // Quickselect, median-of-three pivot.
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const tmp = values[i];
        values[i] = values[j];
        values[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k];
}

function percentiles(values) {
  return { p10: quantile(values, 0.1), p50: quantile(values, 0.5), p90: quantile(values, 0.9) };
}

/**
 * The Monte Carlo: `draws` runs of the kernel with triangular draws, then
 * percentiles of net savings and cumulative present value by year, of NPV,
 * and the share of runs paid back by each year.
 */
export function monteCarlo(plan, settings) {
  const { h, funded, programmes, ramp, persist, growth, discount, profile, unit, council } = plan;
  const n = programmes.length;
  const draws = Math.min(Math.max(settings.draws, 1), 100000);
  const costW = settings.unit_cost_spread_pct / 100;
  const engW = settings.engagement_spread_pct / 100;
  const rand = pcg64mcg(settings.seed);

  const sizes = programmes.map((p) => new Float64Array(p.effects.length));
  const unitMult = new Float64Array(6);
  const reach = new Float64Array(n * h);
  const avoided = new Float64Array(n * h * 6);
  const own = new Float64Array(n);
  const without = new Float64Array(n);
  const net = new Float64Array(draws * h);
  const cumNet = new Float64Array(draws * h);
  const cumPv = new Float64Array(draws * h);
  const payback = new Int32Array(draws);
  const npvs = new Float64Array(draws);

  for (let d = 0; d < draws; d++) {
    // Draw, in the order Rust does: effect sizes, unit costs, engagement.
    for (let i = 0; i < n; i++) {
      const effects = programmes[i].effects;
      for (let j = 0; j < effects.length; j++) {
        const r = effects[j].range;
        sizes[i][j] = triangular(rand(), r[0], r[1], r[2]);
      }
    }
    for (let o = 0; o < 6; o++) unitMult[o] = triangular(rand(), 1 - costW, 1, 1 + costW);
    for (let i = 0; i < n; i++) {
      const m = triangular(rand(), 1 - engW, 1, 1 + engW);
      const e = Math.min(programmes[i].engagement * m, 1);
      for (let t = 0; t < h; t++) reach[i * h + t] = e * ramp[t];
    }

    // Events avoided, combined across programmes per outcome and year.
    avoided.fill(0);
    for (let t = 0; t < h; t++) {
      for (let o = 0; o < 6; o++) {
        const b = council[o];
        const cb = b === null ? null : b * growth[t];
        let sumWithout = 0;
        let total = 0;
        for (let i = 0; i < n; i++) {
          const p = programmes[i];
          const r = reach[i * h + t];
          let wo = 0;
          let ow = 0;
          for (let j = 0; j < p.effects.length; j++) {
            const e = p.effects[j];
            if (e.outcome !== o) continue;
            const size = sizes[i][j];
            let w = 0;
            let av = 0;
            if (e.kind === RELATIVE) {
              if (cb !== null) {
                w = cb * r;
                av = (cb * r * size) / 100;
              }
            } else if (e.kind === POINTS) {
              w = (p.cohort * r * e.base) / 100;
              av = (p.cohort * r * size) / 100;
            } else {
              w = r * e.base;
              av = r * size;
            }
            wo += w;
            ow += Math.min(av * p.adjustment * persist[t], w);
          }
          without[i] = wo;
          own[i] = ow;
          sumWithout += wo;
          total += ow;
        }
        const base = cb === null ? sumWithout : cb;
        if (base <= 0 || total <= 0) continue;
        let remaining = 1;
        for (let i = 0; i < n; i++) remaining *= 1 - Math.min(own[i] / base, 1);
        const combined = base * (1 - remaining);
        for (let i = 0; i < n; i++) avoided[(i * h + t) * 6 + o] = (combined * own[i]) / total;
      }
    }

    // Money, net by year, present value and payback.
    let cum = 0;
    let cumCost = 0;
    let pv = 0;
    payback[d] = -1;
    for (let t = 0; t < h; t++) {
      let savings = 0;
      let cost = 0;
      for (let i = 0; i < n; i++) {
        const p = programmes[i];
        const row = (i * h + t) * 6;
        let childYears = 0;
        for (let s = 0; s <= t; s++) childYears += avoided[(i * h + s) * 6] * profile[t - s];
        savings +=
          childYears * unit[0] * unitMult[0] +
          avoided[row + 1] * unit[1] * unitMult[1] +
          avoided[row + 2] * unit[2] * unitMult[2] +
          avoided[row + 3] * unit[3] * unitMult[3] +
          avoided[row + 4] * unit[4] * unitMult[4] +
          avoided[row + 5] * unit[5] * unitMult[5];
        if (t < funded) {
          const setup = t === 0 ? p.setupCost : 0;
          cost +=
            (p.cohort * reach[i * h + t] * p.costPerCase + p.annualCost + setup) * plan.costUplift;
        }
      }
      const y = savings - cost;
      cum += y;
      cumCost += cost;
      pv += y * discount[t];
      net[d * h + t] = y;
      cumNet[d * h + t] = cum;
      cumPv[d * h + t] = pv;
      if (payback[d] < 0 && cumCost > 0 && cum >= 0) payback[d] = t;
    }
    npvs[d] = pv;
  }

  const column = new Float64Array(draws);
  const years = [];
  for (let t = 0; t < h; t++) {
    for (let d = 0; d < draws; d++) column[d] = net[d * h + t];
    const netP = percentiles(column);
    for (let d = 0; d < draws; d++) column[d] = cumNet[d * h + t];
    const cumP = percentiles(column);
    for (let d = 0; d < draws; d++) column[d] = cumPv[d * h + t];
    const pvP = percentiles(column);
    let paid = 0;
    for (let d = 0; d < draws; d++) if (payback[d] >= 0 && payback[d] <= t) paid++;
    years.push({
      year: t + 1,
      net: netP,
      cumulative_net: cumP,
      cumulative_pv_net: pvP,
      paid_back_share: paid / draws,
    });
  }
  let positive = 0;
  for (let d = 0; d < draws; d++) if (npvs[d] > 0) positive++;
  return {
    draws,
    seed: settings.seed,
    years,
    npv: percentiles(npvs),
    npv_positive_share: positive / draws,
  };
}

/** Plan and Monte Carlo in one call, from a scenario object. */
export function simulateJs(scenario, library) {
  return monteCarlo(makePlan(scenario, library), scenario.uncertainty);
}
