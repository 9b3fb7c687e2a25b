/** A synthesized stack (cdk.tf.json) as far as references go. */
interface SynthesizedStack {
  resource?: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, unknown>>;
}

const REFERENCE = /\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

/**
 * The cycles among a stack's resources and data sources, through `${…}` references and
 * `depends_on`: Terraform refuses a plan with one, and no synth-time check catches it.
 */
export function referenceCycles(stack: SynthesizedStack): string[][] {
  const edges = new Map<string, Set<string>>();
  const blocks: [string, Record<string, Record<string, unknown>> | undefined][] = [
    ['', stack.resource],
    ['data.', stack.data],
  ];
  for (const [prefix, byType] of blocks)
    for (const [type, byName] of Object.entries(byType ?? {}))
      for (const [name, body] of Object.entries(byName)) {
        const text = JSON.stringify(body);
        const to = new Set<string>();
        for (const match of text.matchAll(REFERENCE))
          to.add(`${match[1] ?? ''}${match[2]}.${match[3]}`);
        const dependsOn = (body as { depends_on?: unknown }).depends_on;
        if (Array.isArray(dependsOn)) for (const entry of dependsOn) to.add(String(entry));
        edges.set(`${prefix}${type}.${name}`, to);
      }

  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return cycles;
}
