// Precision and recall per control: vouch's findings against the hand labels
// in labels.yaml. A resource × control's verdict is its worst finding (fail >
// unknown > pass > n/a). Positive = fail. An `unknown` where the label says
// fail counts as a miss; where the label says pass, as an unknown (reported).
const WEIGHT = { fail: 3, unknown: 2, pass: 1, 'not-applicable': 0 };

/** findings: evidence.json findings of one set; labels: file → logicalId → control → 'fail'|'unknown'. */
export function score(findings, labels) {
  const got = new Map();
  // What a StackSet's inline TemplateBody deploys is labelled on the StackSet (labels.scout9.yaml): its
  // resources are in the stack `<parent stack>/<StackSet logical id>`, the StackSet's own id.
  const stackSets = new Map(findings.filter((f) => f.resource.type === 'aws.cloudformation.stack-set').map((f) => [f.resource.id, f.resource]));
  for (const f of findings) {
    if (!f.resource.file) continue;
    // A stack's own verdicts (data residency) are keyed `(stack)` in its template's entry.
    let id = f.resource.logicalId ?? (f.resource.type === 'aws.cloudformation.stack' ? '(stack)' : undefined);
    for (let s = stackSets.get(f.resource.stack), n = 0; s && n < 8; s = stackSets.get(s.stack), n++) id = s.logicalId;
    if (!id) continue;
    const file = f.resource.file.split(/[\\/]/).pop();
    const key = `${file} ${id} ${f.control}`;
    const prev = got.get(key);
    if (!prev || WEIGHT[f.status] > WEIGHT[prev]) got.set(key, f.status);
  }
  const want = new Map();
  for (const [file, byId] of Object.entries(labels ?? {})) {
    for (const [id, byControl] of Object.entries(byId ?? {})) for (const [control, v] of Object.entries(byControl ?? {})) want.set(`${file} ${id} ${control}`, v);
  }
  const per = {};
  // positives: labelled fail; negatives: labelled (or taken as) pass where vouch judged the resource or a label names it.
  const at = (c) => (per[c] ??= { positives: 0, negatives: 0, tp: 0, fp: 0, fn: 0, unknownAsExpected: 0, unexpectedUnknown: 0, judged: 0 });
  const resources = new Set();
  const mismatches = [];
  for (const key of new Set([...got.keys(), ...want.keys()])) {
    const control = key.split(' ')[2];
    const g = got.get(key) ?? 'none';
    const w = want.get(key) ?? 'pass';
    const s = at(control);
    s.judged++;
    resources.add(key.split(' ').slice(0, 2).join(' '));
    if (w === 'fail') s.positives++;
    else if (w !== 'unknown' && g !== 'not-applicable') s.negatives++;
    if (w === 'fail' && g === 'fail') s.tp++;
    else if (w === 'fail') {
      s.fn++;
      mismatches.push(`${key}: labelled fail, vouch ${g}`);
    } else if (g === 'fail') {
      s.fp++;
      mismatches.push(`${key}: labelled ${w}, vouch fail`);
    } else if (w === 'unknown') {
      if (g === 'unknown') s.unknownAsExpected++;
      else mismatches.push(`${key}: labelled unknown, vouch ${g}`);
    } else if (g === 'unknown') {
      s.unexpectedUnknown++;
      mismatches.push(`${key}: labelled pass, vouch unknown`);
    }
  }
  const controls = {};
  for (const [c, s] of Object.entries(per).sort()) {
    controls[c] = {
      ...s,
      precision: s.tp + s.fp === 0 ? null : +(s.tp / (s.tp + s.fp)).toFixed(3),
      recall: s.tp + s.fn === 0 ? null : +(s.tp / (s.tp + s.fn)).toFixed(3),
    };
  }
  return { controls, mismatches: mismatches.sort(), judgedResources: resources.size };
}

/** Entries of `known` no longer seen (fixed, or changed) and mismatches not in `known` (new): what to edit in KNOWN_MISMATCHES. */
export function mismatchDiff(mismatches, known) {
  const now = new Set(mismatches);
  const was = new Set(known);
  return { fixed: known.filter((m) => !now.has(m)), added: mismatches.filter((m) => !was.has(m)) };
}

/**
 * The corpus sets, in the order they were written: tuning, holdout and fresh keep their labels
 * under their key in labels.yaml; a later set keeps them in a file of its own, labels.<set>.yaml
 * (so two people can write two sets at once), with its templates in templates/<set>/.
 */
export const SETS = ['tuning', 'holdout', 'fresh', 'blind', 'blindcdk', 'blindmini', 'final', 'finalcdk', 'sealed', 'sealedcdk', 'last', 'lastcdk', 'scout', 'scoutcdk', 'vault', 'vault2', 'vaultcdk', 'scout2', 'scout2cdk', 'scout3', 'scout3cdk', 'scout4', 'scout4cdk', 'scout5', 'scout5cdk', 'scout6', 'scout6cdk', 'scout7', 'vault3', 'vault4', 'vault2cdk', 'scout8', 'scout9', 'scout7cdk', 'vault5', 'vault6', 'vault3cdk', 'scout10', 'scout11', 'scout8cdk', 'scout12', 'scout9cdk', 'scout13', 'scout14', 'vault7', 'vault8', 'vault4cdk', 'scout15', 'scout16', 'scout10cdk', 'scout11cdk', 'vault9', 'vault10', 'vault5cdk', 'scout17', 'scout18', 'scout12cdk', 'scout19', 'scout13cdk', 'vault11', 'scout20', 'scout21', 'vault12', 'vault13', 'vault14', 'vault6cdk', 'scout22', 'scout23', 'scout14cdk', 'scout24', 'scout15cdk', 'scout25', 'scout26', 'scout27', 'scout16cdk', 'scout28', 'scout17cdk', 'scout29', 'scout30', 'vault15', 'vault16', 'vault17', 'vault18', 'vault7cdk', 'scout31', 'scout32', 'scout33', 'scout18cdk', 'scout34', 'vault19', 'vault20', 'vault8cdk', 'scout35', 'scout36'];

/**
 * labels of every set that exists: set → file → logicalId → control → verdict, with the split decisions of
 * adjudications.yaml applied on top (`raw: true` gives the labels as their writers froze them).
 */
export function loadLabels(corpusDir, parse, readFileSync, existsSync, { raw = false } = {}) {
  const out = loadWrittenLabels(corpusDir, parse, readFileSync, existsSync);
  if (raw) return out;
  for (const split of loadAdjudications(corpusDir, parse, readFileSync, existsSync)) {
    for (const [set, files] of Object.entries(split.overrides ?? {})) {
      for (const [file, ids] of Object.entries(files ?? {})) {
        for (const [id, verdict] of Object.entries(ids ?? {})) {
          const byControl = (((out[set] ??= {})[file] ??= {})[id] ??= {});
          if (verdict === 'pass') delete byControl[split.control];
          else byControl[split.control] = verdict;
        }
      }
    }
  }
  return out;
}

/** The split decisions (adjudications.yaml): [{ id, control, verdict, overrides: set → file → logicalId → verdict }]. */
export function loadAdjudications(corpusDir, parse, readFileSync, existsSync) {
  const file = `${corpusDir}/adjudications.yaml`;
  return existsSync(file) ? (parse(readFileSync(file, 'utf8'))?.splits ?? []) : [];
}

function loadWrittenLabels(corpusDir, parse, readFileSync, existsSync) {
  const main = parse(readFileSync(`${corpusDir}/labels.yaml`, 'utf8'));
  const out = {};
  for (const set of SETS) {
    const own = `${corpusDir}/labels.${set}.yaml`;
    if (existsSync(own)) out[set] = parse(readFileSync(own, 'utf8')) ?? {};
    else if (main[set]) out[set] = main[set];
    else if (existsSync(`${corpusDir}/templates/${set}`)) out[set] = {};
  }
  return out;
}
