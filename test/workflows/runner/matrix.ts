/** GitHub's matrix expansion: the product of the keys, then `include` entries merged or added, `exclude` removed. */
export function expandMatrix(matrix: Record<string, unknown>): Array<Record<string, unknown>> {
  const {
    include = [],
    exclude = [],
    ...axes
  } = matrix as Record<string, unknown> & {
    include?: Array<Record<string, unknown>>;
    exclude?: Array<Record<string, unknown>>;
  };
  let combos: Array<Record<string, unknown>> = Object.keys(axes).length ? [{}] : [];
  for (const [key, values] of Object.entries(axes)) {
    combos = combos.flatMap((combo) => (values as unknown[]).map((value) => ({ ...combo, [key]: value })));
  }
  const matches = (combo: Record<string, unknown>, partial: Record<string, unknown>) =>
    Object.entries(partial).every(([k, v]) => JSON.stringify(combo[k]) === JSON.stringify(v));
  combos = combos.filter((combo) => !exclude.some((partial) => matches(combo, partial)));
  const original = combos.map((combo) => ({ ...combo }));
  for (const entry of include) {
    let merged = false;
    for (const [index, base] of original.entries()) {
      // An include entry extends every original combination whose original values it does not overwrite.
      const combo = combos[index]!;
      if (
        Object.entries(entry).every(([k, v]) => !(k in base) || JSON.stringify(base[k]) === JSON.stringify(v))
      ) {
        Object.assign(combo, entry);
        merged = true;
      }
    }
    if (!merged) combos.push({ ...entry });
  }
  return combos;
}
