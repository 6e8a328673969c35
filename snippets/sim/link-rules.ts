/**
 * Link rules: which links are cut now (isolate, partition). They are part of the cluster's state, set
 * by scenarios or by the fault injector at any tick; a message meets them when it is sent and again
 * when it arrives.
 */

/** Anything that can send or receive: a node or a client. */
export type Endpoint = string;

/**
 * Cuts links. `isolate` cuts every link to and from one endpoint (clients included). `partition` cuts the
 * links between two groups, both ways, or only from `from` to `to` when one-way; endpoints in neither
 * group are not affected.
 */
export type LinkRule =
  | { readonly kind: 'isolate'; readonly node: Endpoint }
  | { readonly kind: 'partition'; readonly from: readonly Endpoint[]; readonly to: readonly Endpoint[]; readonly oneWay: boolean };

/** The rules in force, in the order they were set. Immutable: adding or lifting one returns new rules. */
export type LinkRules = readonly LinkRule[];

/** Whether a message from `from` to `to` is cut by a rule now. An endpoint can always reach itself. */
export function blocked(rules: LinkRules, from: Endpoint, to: Endpoint): boolean {
  if (from === to) return false;
  for (const rule of rules) if (cuts(rule, from, to)) return true;
  return false;
}

function cuts(rule: LinkRule, from: Endpoint, to: Endpoint): boolean {
  switch (rule.kind) {
    case 'isolate':
      return from === rule.node || to === rule.node;
    case 'partition': {
      const forward = rule.from.includes(from) && rule.to.includes(to);
      const backward = rule.to.includes(from) && rule.from.includes(to);
      return forward || (!rule.oneWay && backward);
    }
  }
}

/** A rule as one line for traces: `isolate r2`, `partition r1 | r2 r3`, `partition r1 → r2 r3`. */
export function describeRule(rule: LinkRule): string {
  if (rule.kind === 'isolate') return `isolate ${rule.node}`;
  return `partition ${rule.from.join(' ')} ${rule.oneWay ? '→' : '|'} ${rule.to.join(' ')}`;
}
