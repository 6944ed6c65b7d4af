// A plain-JavaScript Monte Carlo of the calculator's kernel, for the
// benchmark only: the yardstick the WebAssembly build is compared with. It
// runs the same method, on the same inputs, with the same generator, so it
// makes the same draws and gives the same figures (to floating-point noise).
//
// What it mirrors, file by file (crates/model/src/):
//
// - calc/resolve.rs: years in care per entry (the scenario's, the
//   council's looked after ÷ leaving care, or England's), and a
//   programme choice resolved against the library — cohort (the
//   choice's, the whole eligible caseload or a fixed number of cases),
//   the eligible caseload (from protection plans or infant care
//   entries, with the studied Pause areas' stand-in), each effect's
//   change (care time, care entries, in care at 12 months, protection
//   plans, children in need all tiers or only, events) and its quantity
//   per case (council-relative effects per eligible case, cohort
//   points, observed rates against the choice's counterfactual with the
//   grade's range rule), per-case benefits by agency uprated to the
//   price base with the GDP deflator, the published cost uprated the
//   same way, the placement and the stay avoided (to 18 at most from
//   the entry age), the programme it nests in, and the combined
//   adjustment; custom programmes too.
// - calc/engine.rs, `Plan::new`: ramp, persistence by lag, baseline
//   growth, the council's counts as bounds (children in need only: less
//   plans and children looked after), the care stock, entry and stay
//   profiles, £ a year in care by placement, unit costs, cashable
//   shares, the council's share of proceedings, cost uplift,
//   discounting.
// - calc/engine.rs, `simulate`: cases served (reach capped at 100%, no more
//   than the eligible caseload, none once funding stops) and the share of
//   the caseload covered; each year's cohort carrying its own stream of
//   changes over the following years (children in need net of the same
//   programme's plans and care, relative effects grown with the baseline,
//   stocks half in the year served and half in the next, nesting in a
//   programme's fall in care time); per-case benefits spread over their
//   years; totals held to the council's counts — care entries first, then
//   the stays that follow from them, then every other outcome and time in
//   care; money by agency, cash to the council, and cost.
// - calc/uncertainty.rs, `simulate_valid`: each effect size and per-case
//   benefit drawn from a triangle from its low end up to the published
//   figure, most likely at the published figure less the optimism bias
//   (the draw divided by one less the bias, which the kernel multiplies
//   back), then the six unit costs and each programme's engagement from
//   triangles of ± their spreads, in that order; the council's cash net of
//   cost by year, so far and discounted; the share paid back by each year;
//   nearest-rank 10th/50th/90th percentiles, found by the same bracketing
//   by counting as the Rust (a sample brackets each rank, one pass counts
//   and gathers, quickselect finishes) so both sides do the same work.
//
// Its generator is the same as Rust's: PCG-64 MCG (`rand_pcg::Pcg64Mcg`,
// 128-bit multiplicative state, XSL-RR output) seeded through rand_core's
// `seed_from_u64`, with 53-bit uniforms. The 128-bit multiply is done on
// 16-bit limbs in doubles, exactly. Integer powers are multiplied out as
// Rust's `powi` does (compiler-rt's `__powidf2`), so every step is the same
// IEEE operation in the same order.
//
// Every input comes from the scenario object, the library and the model's
// constants as the JavaScript API gives them (`defaultScenario()` or any
// valid scenario, `library()`, `modelConstants()`), not copied by hand. The
// scenario is expected to be valid (`validate()` finds no problem), as the
// wasm `simulate` checks before it runs.
//
// Work buffers are typed arrays allocated once per Monte Carlo; nothing is
// allocated per draw.

export const OUTCOMES = [
  'care_entries',
  'cp_plans',
  'children_in_need',
  'care_proceedings',
  'police_incidents',
  'emergency_admissions',
];
const N_OUT = 6;
const CARE = 0;
const CP = 1;
const CIN = 2;
const COURT = 3;
const POLICE = 4;
const NHS = 5;

export const AGENCIES = ['childrens_services', 'police', 'nhs', 'courts_legal', 'other_public'];
const N_AG = 5;
const A_CS = 0;
const A_POLICE = 1;
const A_NHS = 2;
const A_COURTS = 3;

// What an effect changes (resolve.rs, `Change`).
const CARE_TIME = 0;
const CARE_ENTRIES = 1;
const IN_CARE_AT_12_MONTHS = 2;
const CP_PLANS = 3;
const CIN_ALL_TIERS = 4;
const CIN_ONLY = 5;
const FLOW = 6;

const GRADE_OPTIMISM = {
  rct: 'rct_pct',
  qed: 'qed_pct',
  before_after: 'before_after_pct',
  modelled: 'modelled_pct',
};

/** How far below a single published figure a range reaches (evidence.rs). */
function rangeRule(grade) {
  if (grade === 'rct') return 0.25;
  if (grade === 'qed') return 0.4;
  return 0.5;
}

const LEVEL_INDEX = { low: 0, central: 1, high: 2 };

/** `x.powi(k)` as Rust computes it: compiler-rt's `__powidf2`. */
function powi(x, k) {
  const recip = k < 0;
  let b = recip ? -k : k;
  let a = x;
  let r = 1;
  for (;;) {
    if (b & 1) r *= a;
    b = Math.trunc(b / 2);
    if (b === 0) break;
    a *= a;
  }
  return recip ? 1 / r : r;
}

/** GDP-deflator uplift from `priceYear` pounds to the price base (prices.rs). */
function uplifter(constants) {
  const index = new Map(constants.deflator.map(([year, value]) => [year, value]));
  const base = index.get(constants.price_base);
  return (priceYear) => {
    const from = index.get(priceYear);
    if (base === undefined || from === undefined) {
      throw new Error(`mc-kernel: no deflator for ${priceYear}`);
    }
    return base / from;
  };
}

// ---------------------------------------------------------------------------
// calc/resolve.rs

/** Years in care per entry: the scenario's, the council's, or England's. */
function careYears(s, constants) {
  if (s.assumptions.care_years != null) return s.assumptions.care_years;
  const cla = s.council.children_looked_after;
  const ceased = s.council.care_ceased;
  if (cla != null && ceased != null && ceased > 0 && cla > 0) {
    return Math.min(Math.max(cla / ceased, 0.1), 18);
  }
  return constants.england_care_years;
}

/** The council's infant care entries, or the stand-in, never above all entries. */
function infantCareStarts(s, constants) {
  const k = s.council;
  const standIn = k.infant_care_starts ?? constants.pause_studied_infant_entries;
  return k.care_starts != null ? Math.min(standIn, k.care_starts) : standIn;
}

/** A library programme's eligible caseload from the council figures, or null. */
function eligibleCaseload(s, prog, constants) {
  const e = prog.eligible;
  if (!e) return null;
  let base;
  if (e.base === 'cp_plans') base = s.council.cp_plans;
  else if (e.base === 'infant_care_entries') base = infantCareStarts(s, constants);
  else throw new Error(`mc-kernel: unknown eligible base ${e.base}`);
  return base == null ? null : base * e.per_unit;
}

/** A council count by outcome index, or null. */
function councilCount(s, o) {
  const k = s.council;
  switch (o) {
    case CARE:
      return k.care_starts;
    case CP:
      return k.cp_plans;
    case CIN:
      return k.children_in_need;
    case COURT:
      return k.care_proceedings;
    case POLICE:
      return k.police_incidents;
    default:
      return k.emergency_admissions;
  }
}

/** The outcome a library quantity moves. */
function quantityOutcome(q) {
  switch (q) {
    case 'care_time':
    case 'care_entries':
    case 'infant_care_entries':
    case 'in_care_at12_months':
      return CARE;
    case 'cp_plans':
      return CP;
    case 'children_in_need':
      return CIN;
    case 'care_proceedings':
      return COURT;
    default:
      throw new Error(`mc-kernel: unknown quantity ${q}`);
  }
}

/** A council-relative effect's change and the council count it is a share of. */
function councilRelative(s, q, constants) {
  const k = s.council;
  switch (q) {
    case 'care_time':
      return [CARE_TIME, k.care_starts];
    case 'infant_care_entries':
      return [CARE_ENTRIES, infantCareStarts(s, constants)];
    case 'cp_plans':
      return [CP_PLANS, k.cp_plans];
    case 'children_in_need':
      return [CIN_ALL_TIERS, k.children_in_need];
    case 'care_entries':
      return [CARE_ENTRIES, k.care_starts];
    case 'in_care_at12_months':
      return [IN_CARE_AT_12_MONTHS, k.care_starts];
    case 'care_proceedings':
      return [FLOW, k.care_proceedings];
    default:
      throw new Error(`mc-kernel: unknown quantity ${q}`);
  }
}

/** A cohort effect's change. */
function cohortChange(q) {
  switch (q) {
    case 'in_care_at12_months':
      return IN_CARE_AT_12_MONTHS;
    case 'care_entries':
    case 'infant_care_entries':
      return CARE_ENTRIES;
    case 'care_time':
      return CARE_TIME;
    case 'cp_plans':
      return CP_PLANS;
    case 'children_in_need':
      return CIN_ONLY;
    case 'care_proceedings':
      return FLOW;
    default:
      throw new Error(`mc-kernel: unknown quantity ${q}`);
  }
}

/**
 * One programme choice resolved (resolve.rs, `programme`): plain numbers,
 * effects as `{outcome, change, size, range, perUnit, relative}`, per-case
 * values as `{agency, value, range, years}`.
 */
function resolveProgramme(s, choice, library, constants, uplift, d) {
  const a = s.assumptions;
  const level = LEVEL_INDEX[a.effect_level] ?? 1;
  const effects = [];
  const caseValues = [];
  let grade;
  let p;
  if (choice.programme === 'custom') {
    const custom = choice.custom;
    if (!custom) throw new Error('mc-kernel: a custom programme without its definition');
    grade = custom.grade;
    const cohort = choice.cohort != null && choice.cohort > 0 ? choice.cohort : null;
    for (const e of custom.effects) {
      const outcome = OUTCOMES.indexOf(e.outcome);
      if (outcome < 0) throw new Error(`mc-kernel: unknown outcome ${e.outcome}`);
      const range = [e.low, e.central, e.high];
      let change = FLOW;
      if (outcome === CARE) change = CARE_ENTRIES;
      else if (outcome === CP) change = CP_PLANS;
      else if (outcome === CIN) change = CIN_ONLY;
      let perUnit;
      if (e.measure === 'relative') {
        const count = councilCount(s, outcome);
        if (count == null) continue;
        perUnit = count / (cohort ?? 1);
      } else if (e.measure === 'percentage_points') perUnit = 1;
      else if (e.measure === 'per_council') perUnit = 100;
      else throw new Error(`mc-kernel: unknown custom measure ${e.measure}`);
      effects.push({
        outcome,
        change,
        size: range[level],
        range,
        perUnit,
        relative: e.measure === 'relative',
      });
    }
    p = {
      cohort: cohort ?? 1,
      eligible: null,
      costPerCase: choice.cost_per_case ?? 0,
      placement: choice.placement ?? 'foster',
      careYears: d,
      parent: -1,
    };
  } else {
    const prog = library.find((q) => q.id === choice.programme);
    if (!prog) throw new Error(`mc-kernel: unknown programme ${choice.programme}`);
    grade = prog.grade;
    const eligible = choice.eligible ?? eligibleCaseload(s, prog, constants);
    const def = prog.cohort.default;
    let cohortDefault = null;
    if (def === 'eligible') cohortDefault = eligible;
    else if (def && def.cases != null) cohortDefault = def.cases;
    const cohort = choice.cohort ?? cohortDefault;
    for (const e of prog.effects) {
      const outcome = quantityOutcome(e.quantity);
      let range = [e.size.low, e.size.central, e.size.high];
      let change;
      let perUnit = 1;
      let relative = false;
      if (e.measure === 'council_relative') {
        const [c, count] = councilRelative(s, e.quantity, constants);
        if (count == null || eligible == null || !(eligible > 0)) continue;
        change = c;
        perUnit = count / eligible;
        relative = true;
      } else if (e.measure === 'cohort_points') {
        change = cohortChange(e.quantity);
      } else if (e.measure === 'cohort_observed') {
        // The size follows from the choice's counterfactual; its range is
        // the grade's convention below it.
        const control = choice.counterfactual_pct ?? e.observed_pct;
        const derived = Math.max(control - e.observed_pct, 0);
        range = [derived * (1 - rangeRule(prog.grade)), derived, derived];
        change = CARE_ENTRIES;
      } else throw new Error(`mc-kernel: unknown measure ${e.measure}`);
      effects.push({ outcome, change, size: range[level], range, perUnit, relative });
    }
    for (const b of prog.case_benefits) {
      const agency = AGENCIES.indexOf(b.agency);
      if (agency < 0) throw new Error(`mc-kernel: unknown agency ${b.agency}`);
      const up = uplift(b.price_year);
      const range = [b.per_case.low * up, b.per_case.central * up, b.per_case.high * up];
      caseValues.push({ agency, value: range[level], range, years: b.years });
    }
    let stay = d;
    if (prog.duration !== 'council') {
      const until = prog.duration.until_adult;
      if (!until) throw new Error('mc-kernel: unknown duration');
      stay = Math.min(d, 18 - until.entry_age);
    }
    const parent = prog.nests_in
      ? s.programmes.findIndex((c) => c.programme === prog.nests_in)
      : -1;
    p = {
      cohort: cohort ?? 0,
      eligible,
      costPerCase:
        choice.cost_per_case ?? (prog.cost ? prog.cost.per_case * uplift(prog.cost.price_year) : 0),
      placement: choice.placement ?? prog.placement,
      careYears: stay,
      parent,
    };
  }
  const optimism = a.optimism_bias_benefits[GRADE_OPTIMISM[grade]];
  if (optimism === undefined) throw new Error(`mc-kernel: unknown grade ${grade}`);
  p.effects = effects;
  p.caseValues = caseValues;
  p.engagement = choice.engagement_pct / 100;
  p.annualCost = choice.annual_cost;
  p.setupCost = choice.setup_cost;
  p.optimism = optimism / 100;
  p.adjustment =
    (1 - choice.deadweight_pct / 100) *
    (1 - choice.attribution_pct / 100) *
    (1 - optimism / 100) *
    (choice.effect_scale_pct / 100);
  return p;
}

// ---------------------------------------------------------------------------
// calc/engine.rs: the plan

/** Share of a `d`-year stay by year, `first` in the first (engine.rs, `profile`). */
function profileInto(out, offset, d, years, first) {
  let left = d;
  for (let k = 0; k < years; k++) {
    const take = Math.max(Math.min(left, k === 0 ? first : 1), 0);
    left -= take;
    out[offset + k] = take;
  }
}

/**
 * Everything fixed for a scenario (the JS twin of `engine::Plan`), flat:
 * programme arrays by programme, effect and per-case value arrays in the
 * order the draws are made, profiles `[i * h + lag]`.
 */
export function makePlan(scenario, library, constants) {
  const s = scenario;
  const a = s.assumptions;
  const u = s.unit_costs;
  const k = s.council;
  const cash = a.cashable;
  const h = a.horizon_years;
  const funded = a.funding_years;
  const d = careYears(s, constants);
  const uplift = uplifter(constants);
  const progs = s.programmes.map((c) => resolveProgramme(s, c, library, constants, uplift, d));
  const n = progs.length;

  const ramp = new Float64Array(h);
  const persist = new Float64Array(h);
  const growth = new Float64Array(h);
  const discount = new Float64Array(h);
  const rate = a.discount_rate_pct / 100;
  for (let t = 0; t < h; t++) {
    ramp[t] = a.ramp_pct[Math.min(t, a.ramp_pct.length - 1)] / 100;
    persist[t] = powi(1 - a.drop_off_pct / 100, t);
    growth[t] = powi(1 + a.baseline_trend_pct / 100, t);
    discount[t] = 1 / powi(1 + rate, t);
  }

  const cinOnly =
    k.children_in_need != null
      ? Math.max(k.children_in_need - (k.cp_plans ?? 0) - (k.children_looked_after ?? 0), 0)
      : null;
  const bounds = [
    k.care_starts,
    k.cp_plans,
    cinOnly,
    k.care_proceedings,
    k.police_incidents,
    k.emergency_admissions,
    k.children_looked_after, // the care stock: the bound on child-years in care
  ];
  // A bound by outcome (the last slot time in care); NaN where there is none.
  const bound = Float64Array.from(bounds, (b) => (b == null ? NaN : b));

  const fosterAnnual = 52 * u.foster_weekly;
  const residentialAnnual = 52 * u.residential_weekly;
  const average = k.cla_spend_per_child ?? fosterAnnual;

  const effectCount = progs.reduce((m, p) => m + p.effects.length, 0);
  const caseCount = progs.reduce((m, p) => m + p.caseValues.length, 0);
  const plan = {
    n,
    h,
    funded,
    ramp,
    persist,
    growth,
    discount,
    bound,
    unit: new Float64Array([
      0,
      u.cp_plan_annual,
      u.cin_annual,
      u.care_proceedings,
      u.police_incident,
      u.emergency_admission,
    ]),
    proceedingsCouncil: u.care_proceedings_council_pct / 100,
    cashable: new Float64Array([
      0,
      cash.cp_plans_pct / 100,
      cash.children_in_need_pct / 100,
      cash.care_proceedings_pct / 100,
      cash.police_pct / 100,
      cash.nhs_pct / 100,
      cash.case_benefits_pct / 100,
    ]),
    costUplift: 1 + a.optimism_bias_costs_pct / 100,
    // By programme.
    cohort: new Float64Array(n),
    hasEligible: new Uint8Array(n),
    eligible: new Float64Array(n),
    engagement: new Float64Array(n),
    adjustment: new Float64Array(n),
    optimism: new Float64Array(n),
    careYears: new Float64Array(n),
    parent: new Int32Array(n),
    costPerCase: new Float64Array(n),
    annualCost: new Float64Array(n),
    setupCost: new Float64Array(n),
    careUnit: new Float64Array(n),
    careCashable: new Float64Array(n),
    entryProfile: new Float64Array(n * h),
    stayProfile: new Float64Array(n * h),
    firstEffect: new Int32Array(n + 1),
    firstCase: new Int32Array(n + 1),
    // By effect.
    effectChange: new Int32Array(effectCount),
    effectOutcome: new Int32Array(effectCount),
    effectPerUnit: new Float64Array(effectCount),
    effectRelative: new Uint8Array(effectCount),
    effectSize: new Float64Array(effectCount),
    effectRange: new Float64Array(effectCount * 3),
    // By per-case value.
    caseAgency: new Int32Array(caseCount),
    caseYears: new Int32Array(caseCount),
    caseValue: new Float64Array(caseCount),
    caseRange: new Float64Array(caseCount * 3),
  };
  let j = 0;
  let c = 0;
  progs.forEach((p, i) => {
    plan.cohort[i] = p.cohort;
    plan.hasEligible[i] = p.eligible != null ? 1 : 0;
    plan.eligible[i] = p.eligible ?? 0;
    plan.engagement[i] = p.engagement;
    plan.adjustment[i] = p.adjustment;
    plan.optimism[i] = p.optimism;
    plan.careYears[i] = p.careYears;
    plan.parent[i] = p.parent;
    plan.costPerCase[i] = p.costPerCase;
    plan.annualCost[i] = p.annualCost;
    plan.setupCost[i] = p.setupCost;
    if (p.placement === 'residential') {
      plan.careUnit[i] = residentialAnnual;
      plan.careCashable[i] = cash.residential_pct / 100;
    } else {
      plan.careUnit[i] = p.placement === 'council_average' ? average : fosterAnnual;
      plan.careCashable[i] = cash.care_pct / 100;
    }
    profileInto(plan.entryProfile, i * h, p.careYears, h, 0.5);
    if (h > 0) {
      plan.stayProfile[i * h] = 0.5;
      profileInto(plan.stayProfile, i * h + 1, p.careYears, h - 1, 1);
    }
    plan.firstEffect[i] = j;
    for (const e of p.effects) {
      plan.effectChange[j] = e.change;
      plan.effectOutcome[j] = e.outcome;
      plan.effectPerUnit[j] = e.perUnit;
      plan.effectRelative[j] = e.relative ? 1 : 0;
      plan.effectSize[j] = e.size;
      plan.effectRange.set(e.range, 3 * j);
      j++;
    }
    plan.firstCase[i] = c;
    for (const v of p.caseValues) {
      plan.caseAgency[c] = v.agency;
      plan.caseYears[c] = v.years;
      plan.caseValue[c] = v.value;
      plan.caseRange.set(v.range, 3 * c);
      c++;
    }
  });
  plan.firstEffect[n] = j;
  plan.firstCase[n] = c;
  return plan;
}

// ---------------------------------------------------------------------------
// calc/engine.rs: one run

/** Reusable buffers for runs of a plan (the JS twin of `engine::Work`). */
export function makeWork(plan) {
  const { n, h } = plan;
  return {
    avoided: new Float64Array(n * h * N_OUT),
    childYears: new Float64Array(n * h),
    savings: new Float64Array(n * h * N_AG),
    cashable: new Float64Array(n * h),
    cost: new Float64Array(n * h),
    served: new Float64Array(n * h),
    cover: new Float64Array(n * h),
    reduction: new Float64Array(n),
  };
}

/**
 * Holds outcome `o`'s total across programmes to the council's count, year
 * by year, scaling every programme alike; `o === N_OUT` is time in care,
 * held to the children looked after.
 */
function limit(plan, w, o) {
  const b = plan.bound[o];
  if (Number.isNaN(b)) return;
  const { n, h, growth } = plan;
  const care = o === N_OUT;
  const values = care ? w.childYears : w.avoided;
  const stride = care ? 1 : N_OUT;
  const at = care ? 0 : o;
  for (let t = 0; t < h; t++) {
    const bt = b * growth[t];
    let total = 0;
    for (let i = 0; i < n; i++) total += values[(i * h + t) * stride + at];
    if (total > bt && total > 0) {
      const f = bt / total;
      for (let i = 0; i < n; i++) values[(i * h + t) * stride + at] *= f;
    }
  }
}

/**
 * One run of the kernel into `w` (engine.rs, `simulate`) with these effect
 * sizes, per-case values, unit-cost multipliers and engagement multipliers.
 */
export function runKernel(plan, w, sizes, caseValues, unitMult, engagementMult) {
  const { n, h, funded, ramp, persist, growth, entryProfile, stayProfile } = plan;
  const { avoided, childYears, savings, cashable, cost, served, cover, reduction } = w;
  avoided.fill(0);
  childYears.fill(0);
  savings.fill(0);
  cashable.fill(0);
  served.fill(0);
  cover.fill(0);

  // Cases served, and the share of the eligible caseload covered.
  const servedYears = Math.min(h, funded);
  for (let i = 0; i < n; i++) {
    const reach = Math.min(plan.engagement[i] * engagementMult[i], 1);
    const e = plan.eligible[i];
    for (let t = 0; t < servedYears; t++) {
      let cases = plan.cohort[i] * reach * ramp[t];
      if (plan.hasEligible[i]) {
        cases = Math.min(cases, e);
        cover[i * h + t] = e > 0 ? cases / e : 0;
      }
      served[i * h + t] = cases;
    }
  }

  // Each programme's reduction in care time, for the programmes nested in it.
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = plan.firstEffect[i]; j < plan.firstEffect[i + 1]; j++) {
      if (plan.effectChange[j] === CARE_TIME) {
        r = Math.min(Math.max((sizes[j] / 100) * plan.adjustment[i], 0), 1);
        break;
      }
    }
    reduction[i] = r;
  }

  // Physical changes and per-case money, programme by programme.
  for (let i = 0; i < n; i++) {
    const adjustment = plan.adjustment[i];
    const parent = plan.parent[i];
    const nested = parent >= 0 && parent !== i;
    const parentReduction = nested ? reduction[parent] : 0;
    const eo = i * h;
    const j0 = plan.firstEffect[i];
    const j1 = plan.firstEffect[i + 1];
    // This draw's fall per case in plans and in children looked after at
    // 31 March, both inside the children-in-need count.
    let cpPerCase = 0;
    let carePerCase = 0;
    for (let j = j0; j < j1; j++) {
      const x = (sizes[j] / 100) * plan.effectPerUnit[j];
      const change = plan.effectChange[j];
      if (change === CP_PLANS) cpPerCase = x;
      else if (change === CARE_TIME) carePerCase = x * Math.min(plan.careYears[i], 1);
    }
    for (let s = 0; s < h; s++) {
      const cases = served[eo + s];
      if (cases === 0) continue;
      const g = growth[s];
      const nf = nested ? 1 - cover[parent * h + s] * parentReduction : 1;
      for (let j = j0; j < j1; j++) {
        const change = plan.effectChange[j];
        let x = (sizes[j] / 100) * plan.effectPerUnit[j];
        if (change === CIN_ALL_TIERS) x = Math.max(x - cpPerCase - carePerCase, 0);
        if (plan.effectRelative[j]) x *= g;
        x = x * cases * adjustment;
        switch (change) {
          case CARE_TIME:
            for (let t = s; t < h; t++) {
              const lag = t - s;
              childYears[eo + t] += x * entryProfile[eo + lag] * nf * persist[lag];
            }
            break;
          case IN_CARE_AT_12_MONTHS:
            for (let t = s; t < h; t++) {
              const lag = t - s;
              childYears[eo + t] += x * stayProfile[eo + lag] * nf * persist[lag];
            }
            break;
          case CARE_ENTRIES:
            // Stays follow from the entries once they are held to the
            // council's count (below).
            avoided[(eo + s) * N_OUT + CARE] += x * nf * persist[0];
            break;
          case CP_PLANS:
          case CIN_ALL_TIERS:
          case CIN_ONLY: {
            // A stock at 31 March: half in the year served, half in the next.
            const o = change === CP_PLANS ? CP : CIN;
            const half = 0.5 * x;
            avoided[(eo + s) * N_OUT + o] += half * persist[0];
            if (s + 1 < h) avoided[(eo + s + 1) * N_OUT + o] += half * persist[1];
            break;
          }
          default:
            avoided[(eo + s) * N_OUT + plan.effectOutcome[j]] += x * persist[0];
        }
      }
    }
    // Monetised per-case values.
    const cashableCase = plan.cashable[N_OUT];
    for (let c = plan.firstCase[i]; c < plan.firstCase[i + 1]; c++) {
      const value = caseValues[c];
      const agency = plan.caseAgency[c];
      const years = plan.caseYears[c];
      const council = agency === A_CS;
      for (let s = 0; s < h; s++) {
        const cases = served[eo + s];
        if (cases === 0) continue;
        const nf = council && nested ? 1 - cover[parent * h + s] * parentReduction : 1;
        const perYear = (cases * value * adjustment * nf) / years;
        const end = Math.min(h, s + years);
        for (let t = s; t < end; t++) {
          const amount = perYear * persist[t - s];
          savings[(eo + t) * N_AG + agency] += amount;
          if (council) cashable[eo + t] += amount * cashableCase;
        }
      }
    }
  }

  // Hold the totals to the council's counts: entries first, then the stays
  // that follow from them, then everything else.
  limit(plan, w, CARE);
  for (let i = 0; i < n; i++) {
    const eo = i * h;
    for (let s = 0; s < h; s++) {
      const entries = avoided[(eo + s) * N_OUT + CARE];
      if (entries === 0) continue;
      for (let t = s; t < h; t++) {
        childYears[eo + t] += entries * entryProfile[eo + t - s] * persist[t - s];
      }
    }
  }
  for (let o = 1; o <= N_OUT; o++) limit(plan, w, o);

  // Money and cost.
  const { unit, proceedingsCouncil } = plan;
  const uCp = unit[CP] * unitMult[CP];
  const uCin = unit[CIN] * unitMult[CIN];
  const uCourt = unit[COURT] * unitMult[COURT];
  const uPolice = unit[POLICE] * unitMult[POLICE];
  const uNhs = unit[NHS] * unitMult[NHS];
  const cashCp = plan.cashable[CP];
  const cashCin = plan.cashable[CIN];
  const cashCourt = plan.cashable[COURT];
  for (let i = 0; i < n; i++) {
    const careUnit = plan.careUnit[i];
    const careCashable = plan.careCashable[i];
    const costPerCase = plan.costPerCase[i];
    const annualCost = plan.annualCost[i];
    for (let t = 0; t < h; t++) {
      const k = i * h + t;
      const row = k * N_OUT;
      const care = childYears[k] * careUnit * unitMult[CARE];
      const cp = avoided[row + CP] * uCp;
      const cin = avoided[row + CIN] * uCin;
      const court = avoided[row + COURT] * uCourt;
      const police = avoided[row + POLICE] * uPolice;
      const nhs = avoided[row + NHS] * uNhs;
      const councilCourt = court * proceedingsCouncil;
      const sv = k * N_AG;
      savings[sv + A_CS] += care + cp + cin + councilCourt;
      savings[sv + A_COURTS] += court - councilCourt;
      savings[sv + A_POLICE] += police;
      savings[sv + A_NHS] += nhs;
      cashable[k] += care * careCashable + cp * cashCp + cin * cashCin + councilCourt * cashCourt;
      if (t < funded) {
        const setup = t === 0 ? plan.setupCost[i] : 0;
        cost[k] = (served[k] * costPerCase + annualCost + setup) * plan.costUplift;
      } else {
        cost[k] = 0;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// calc/uncertainty.rs: generator, draws, percentiles, the Monte Carlo

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

const limbs = (big) =>
  Float64Array.from({ length: 8 }, (_, i) => Number((big >> BigInt(16 * i)) & 0xffffn));
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

/** Index of quantile `q` among `len` sorted values. */
function rank(len, q) {
  return Math.round((len - 1) * q);
}

/**
 * The `k`-th smallest of `v[from, from + len)` (Hoare's quickselect,
 * median-of-three pivot), moved to its place; `k` counts from `from`.
 */
function select(v, from, len, k) {
  let lo = from;
  let hi = from + len - 1;
  const at = from + k;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    const a = v[lo];
    const b = v[mid];
    const c = v[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    for (;;) {
      while (v[i] < pivot) i++;
      while (pivot < v[j]) j--;
      if (i >= j) break;
      const tmp = v[i];
      v[i] = v[j];
      v[j] = tmp;
      i++;
      j--;
    }
    if (at <= j) hi = j;
    else lo = j + 1;
  }
  return v[at];
}

/** From this many values on, the ranks are bracketed by counting. */
const BRACKETED = 4096;
/** Size of the sample that brackets a rank. */
const SAMPLE = 512;
/** Sample positions either side of a rank's expected place. */
const MARGIN = 48;

/**
 * Percentile work space for `draws` values: the sample, and three brackets
 * of a quarter of the values each.
 */
function makeSelection(draws) {
  return {
    sample: new Float64Array(SAMPLE),
    near: new Float64Array(3 * Math.floor(draws / 4)),
    ks: new Int32Array(3),
    lo: new Float64Array(3),
    hi: new Float64Array(3),
    out: new Float64Array(3),
  };
}

/**
 * The values of ranks `sel.ks` among `v[from, from + len)` into `sel.out`,
 * as quickselect would give them: a sample brackets each rank, one pass
 * counts the values below each bracket and gathers those inside it without
 * branching on them, and quickselect runs on those few (on all the values
 * where a bracket misses or overflows).
 */
function bracketed(v, from, len, sel) {
  const { sample, near, ks, lo, hi, out } = sel;
  const stride = Math.floor(len / SAMPLE);
  for (let i = 0; i < SAMPLE; i++) sample[i] = v[from + i * stride];
  sample.sort();
  for (let q = 0; q < 3; q++) {
    const place = Math.floor((ks[q] * SAMPLE) / len);
    lo[q] = sample[Math.max(place - MARGIN, 0)];
    hi[q] = sample[Math.min(place + MARGIN, SAMPLE - 1)];
  }
  const cap = Math.floor(len / 4);
  const last = cap - 1;
  const lo0 = lo[0];
  const hi0 = hi[0];
  const lo1 = lo[1];
  const hi1 = hi[1];
  const lo2 = lo[2];
  const hi2 = hi[2];
  const o1 = cap;
  const o2 = 2 * cap;
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let n0 = 0;
  let n1 = 0;
  let n2 = 0;
  const end = from + len;
  for (let i = from; i < end; i++) {
    const x = v[i];
    b0 += +(x < lo0);
    near[n0 < last ? n0 : last] = x;
    n0 += +(lo0 <= x && x <= hi0);
    b1 += +(x < lo1);
    near[o1 + (n1 < last ? n1 : last)] = x;
    n1 += +(lo1 <= x && x <= hi1);
    b2 += +(x < lo2);
    near[o2 + (n2 < last ? n2 : last)] = x;
    n2 += +(lo2 <= x && x <= hi2);
  }
  const below = [b0, b1, b2];
  const count = [n0, n1, n2];
  for (let q = 0; q < 3; q++) {
    const k = ks[q];
    out[q] =
      count[q] < cap && below[q] <= k && k < below[q] + count[q]
        ? select(near, q * cap, count[q], k - below[q])
        : select(v, from, len, k);
  }
}

/**
 * The 10th, 50th and 90th percentiles (nearest rank) of `v[from, from + len)`,
 * which it reorders.
 */
function percentiles(v, from, len, sel) {
  if (len === 0) return { p10: 0, p50: 0, p90: 0 };
  const k10 = rank(len, 0.1);
  const k50 = rank(len, 0.5);
  const k90 = rank(len, 0.9);
  if (len >= BRACKETED) {
    sel.ks[0] = k10;
    sel.ks[1] = k50;
    sel.ks[2] = k90;
    bracketed(v, from, len, sel);
    return { p10: sel.out[0], p50: sel.out[1], p90: sel.out[2] };
  }
  const p50 = select(v, from, len, k50);
  return {
    p10: k10 < k50 ? select(v, from, k50, k10) : p50,
    p50,
    p90: k90 > k50 ? select(v, from + k50 + 1, len - k50 - 1, k90 - k50 - 1) : p50,
  };
}

/**
 * The Monte Carlo (uncertainty.rs, `simulate_valid`): `draws` runs of the
 * kernel, then percentiles of the council's cash net of cost by year, so
 * far and discounted so far, of its net present budget impact, and the
 * shares paid back by each year and gaining overall.
 */
export function monteCarlo(plan, settings) {
  const { n, h, discount } = plan;
  const draws = Math.min(Math.max(settings.draws, 1), 100000);
  const rand = pcg64mcg(settings.seed);
  const costW = settings.unit_cost_spread_pct / 100;
  const engW = settings.engagement_spread_pct / 100;

  // Each range runs from its low end up to the published figure, most
  // likely at the published figure less the optimism bias; draws are
  // divided by (1 − bias), which the kernel multiplies back.
  const spread = (out, at, optimism, range, ri, central) => {
    const keep = 1 - optimism;
    if (keep <= 0) {
      out.fill(0, at, at + 4);
      return;
    }
    const mode = central * keep;
    out[at] = Math.min(range[ri], mode);
    out[at + 1] = mode;
    out[at + 2] = Math.max(range[ri + 2], mode);
    out[at + 3] = 1 / keep;
  };
  const effectCount = plan.effectSize.length;
  const caseCount = plan.caseValue.length;
  const ranges = new Float64Array(4 * effectCount);
  const caseRanges = new Float64Array(4 * caseCount);
  for (let i = 0; i < n; i++) {
    for (let j = plan.firstEffect[i]; j < plan.firstEffect[i + 1]; j++) {
      spread(ranges, 4 * j, plan.optimism[i], plan.effectRange, 3 * j, plan.effectSize[j]);
    }
    for (let c = plan.firstCase[i]; c < plan.firstCase[i + 1]; c++) {
      spread(caseRanges, 4 * c, plan.optimism[i], plan.caseRange, 3 * c, plan.caseValue[c]);
    }
  }

  const sizes = new Float64Array(effectCount);
  const cases = new Float64Array(caseCount);
  const unitMult = new Float64Array(N_OUT);
  const engagement = new Float64Array(n);
  // Year by year, one column of draws each: `[t * draws + d]`.
  const net = new Float64Array(draws * h);
  const cumNet = new Float64Array(draws * h);
  const cumPv = new Float64Array(draws * h);
  const paidIn = new Int32Array(h);
  const npvs = new Float64Array(draws);
  const w = makeWork(plan);

  for (let d = 0; d < draws; d++) {
    for (let k = 0; k < effectCount; k++) {
      const r = 4 * k;
      sizes[k] = triangular(rand(), ranges[r], ranges[r + 1], ranges[r + 2]) * ranges[r + 3];
    }
    for (let k = 0; k < caseCount; k++) {
      const r = 4 * k;
      cases[k] =
        triangular(rand(), caseRanges[r], caseRanges[r + 1], caseRanges[r + 2]) * caseRanges[r + 3];
    }
    for (let o = 0; o < N_OUT; o++) unitMult[o] = triangular(rand(), 1 - costW, 1, 1 + costW);
    for (let i = 0; i < n; i++) engagement[i] = triangular(rand(), 1 - engW, 1, 1 + engW);

    runKernel(plan, w, sizes, cases, unitMult, engagement);

    let cum = 0;
    let cumCost = 0;
    let pv = 0;
    let paid = false;
    for (let t = 0; t < h; t++) {
      let y = 0;
      let cost = 0;
      for (let i = 0; i < n; i++) {
        y += w.cashable[i * h + t] - w.cost[i * h + t];
        cost += w.cost[i * h + t];
      }
      cum += y;
      cumCost += cost;
      pv += y * discount[t];
      net[t * draws + d] = y;
      cumNet[t * draws + d] = cum;
      cumPv[t * draws + d] = pv;
      if (!paid && cumCost > 0 && cum >= 0) {
        paid = true;
        paidIn[t]++;
      }
    }
    npvs[d] = pv;
  }

  const sel = makeSelection(draws);
  const years = [];
  let paid = 0;
  for (let t = 0; t < h; t++) {
    paid += paidIn[t];
    years.push({
      year: t + 1,
      net: percentiles(net, t * draws, draws, sel),
      cumulative_net: percentiles(cumNet, t * draws, draws, sel),
      cumulative_pv_net: percentiles(cumPv, t * draws, draws, sel),
      paid_back_share: paid / draws,
    });
  }
  let positive = 0;
  for (let d = 0; d < draws; d++) if (npvs[d] > 0) positive++;
  return {
    draws,
    seed: settings.seed,
    years,
    npv: percentiles(npvs, 0, draws, sel),
    npv_positive_share: positive / draws,
  };
}

/**
 * Plan and Monte Carlo in one call: a valid scenario object, the library
 * (`library()`) and the model's constants (`modelConstants()`).
 */
export function simulateJs(scenario, library, constants) {
  return monteCarlo(makePlan(scenario, library, constants), scenario.uncertainty);
}
