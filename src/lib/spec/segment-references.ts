import type { ReferableSegment, Rule, SegmentDefinition, SegmentLibrary, SegmentReference } from './segments.ts';

/**
 * Every "is in segment" rule of a definition in the order written, at any depth (order conditions included, where the
 * compiler refuses them), walked with a stack of its own: a tampered tree cannot overflow the call stack.
 */
export function referencesOf(definition: SegmentDefinition): SegmentReference[] {
  if (definition.kind !== 'rules') return [];
  const found: SegmentReference[] = [];
  const stack: Rule[] = [definition.root];
  while (stack.length) {
    const rule = stack.pop()!;
    if (rule.type === 'segment') found.push(rule);
    // Reversed onto the stack, so rules come off it in the order they are written.
    else if (rule.type === 'group') stack.push(...[...rule.rules].reverse());
    else if (rule.type === 'orders') stack.push(rule.where);
  }
  return found;
}

/** The segments a definition reaches through its references, directly or through others, each once, in the order first reached. */
export function referencedSegments(definition: SegmentDefinition, library: SegmentLibrary): ReferableSegment[] {
  const byId = new Map(library.map((s) => [s.id, s]));
  const reached = new Map<string, ReferableSegment>();
  const queue = referencesOf(definition);
  while (queue.length) {
    const target = byId.get(queue.shift()!.segment);
    if (!target || reached.has(target.id)) continue;
    reached.set(target.id, target);
    queue.push(...referencesOf(target.definition));
  }
  return [...reached.values()];
}

/** The segments whose members depend on segment `id`: those that reference it, directly or through others (itself excluded). */
export function dependentsOf(id: string, library: SegmentLibrary): string[] {
  return library.filter((s) => s.id !== id && referencedSegments(s.definition, library).some((r) => r.id === id)).map((s) => s.id);
}

/** Keeps the name the references to segment `id` carry up to date after a rename; true when one changed. */
export function renameReferences(definition: SegmentDefinition, id: string, name: string): boolean {
  let changed = false;
  for (const rule of referencesOf(definition)) {
    if (rule.segment === id && rule.name !== name) {
      rule.name = name;
      changed = true;
    }
  }
  return changed;
}
