import { WorkbenchError, errorKind, errorMessage, type ErrorKind } from '../errors.ts';
import { needsColumnsOf } from '../segments/needed-columns.ts';
import type { SegmentSchema } from '../segments/schema.ts';
import type { ReferableSegment, SegmentDefinition, SegmentLibrary, SegmentReference } from '../spec/segments.ts';
import { rulesPredicate } from './segment-rules.ts';
import { userSqlPredicate } from './user-sql.ts';

/**
 * A segment compiles each segment it refers to into its own SQL, and those theirs: a segment used
 * through several others is compiled once for each use. Fifty segments referring to the one before
 * twice would make 2^50 copies, so past this many the definition is refused.
 */
export const MAX_REFERENCES_COMPILED = 100;

function refuse(message: string): never {
  throw new WorkbenchError('rule', message);
}

/** A segment that refers to itself, directly or through others: it has no members to find. */
class SegmentCycle extends WorkbenchError {
  constructor(names: readonly string[]) {
    super('rule', `Segment cycle: ${names.join(' → ')}. A segment cannot be in itself, directly or through other segments.`);
  }
}

/**
 * A problem of a segment reached through references, with the chain of segments that leads to it,
 * and the columns it needs when the problem is columns the data lacks.
 */
class InReferenced extends WorkbenchError {
  constructor(
    kind: ErrorKind,
    readonly chain: readonly string[],
    readonly problem: string,
    readonly needsColumns: readonly string[] = [],
  ) {
    super(kind, `In segment ${chain.map((name) => JSON.stringify(name)).join(' → ')}: ${problem}`);
  }
}

/**
 * A segment's name inside a SQL comment: as JSON writes it (control characters escaped), with each
 * `/` beside a `*` written `\u002f`, so no name can close the comment (`*\/`) or open a nested one.
 */
export function commentName(name: string): string {
  return JSON.stringify(name).replace(/\/(?=\*)|(?<=\*)\//g, '\\u002f');
}

/**
 * A definition as a boolean expression over one row of `customers` (NULL counts as not a member),
 * each "is in segment X" compiled from X's definition in `library`, as
 * `customer_id IN (/* segment "X" *\/ SELECT customer_id FROM customers WHERE <X's predicate>)`.
 * `self` is the id of the segment the definition is (when known): a cycle is then named from it.
 *
 * A referenced segment left out of the analysis (disabled) still has its definition, and that is
 * what "in X" means: the comment says so. A reference to a segment not in the library is an error
 * naming it; a cycle is refused with the segments on it; a problem of a referenced segment is the
 * referrer's, prefixed with the segments that lead to it. SQL segments compile through
 * `userSqlPredicate`, the same checks as on their own, and every statement built from the result
 * runs through the gate (UserSqlRunner) as any other segment's.
 */
export function definitionPredicate(definition: SegmentDefinition, schema: SegmentSchema, library: SegmentLibrary, self?: string): string {
  const byId = new Map(library.map((s) => [s.id, s]));
  const path: string[] = self === undefined ? [] : [self];
  let compiled = 0;
  const nameOf = (id: string) => byId.get(id)?.name ?? id;

  const compile = (d: SegmentDefinition): string =>
    d.kind === 'rules' ? rulesPredicate(d.root, schema, reference) : userSqlPredicate(d.sql);

  const reference = (rule: SegmentReference): string => {
    const target = byId.get(rule.segment);
    if (!target) {
      refuse(
        `Segment "${rule.name || rule.segment}" no longer exists (deleted, or not in the definitions opened): choose another segment or remove the condition.`,
      );
    }
    if (target.awaitingConfirmation) {
      refuse(
        `Segment "${target.name}" is SQL from a share link that waits for your confirmation: read it, then press "Run SQL segments from this link".`,
      );
    }
    const at = path.indexOf(target.id);
    if (at >= 0) throw new SegmentCycle([...path.slice(at), target.id].map(nameOf));
    if (++compiled > MAX_REFERENCES_COMPILED) {
      refuse(
        `More than ${MAX_REFERENCES_COMPILED} segments to compile through "is in segment" conditions (a segment used many times through others): refer to fewer.`,
      );
    }
    path.push(target.id);
    let inner: string;
    try {
      inner = compile(target.definition);
    } catch (e) {
      throw inReferenced(target, e);
    } finally {
      path.pop();
    }
    // Customer ids are never NULL (records without one are excluded at import), so NOT IN is exact.
    return `customer_id ${rule.member ? 'IN' : 'NOT IN'} (${membersComment(target)} SELECT customer_id FROM customers WHERE ${inner})`;
  };

  return compile(definition);
}

function membersComment(target: ReferableSegment): string {
  const disabled = target.enabled ? '' : ', left out of the analysis: its definition still applies here';
  return `/* segment ${commentName(target.name)}${disabled} */`;
}

/** A problem of the segment at the end of `chain` (reached from the referrer through the others), as the referrer's. */
export function referencedProblem(
  kind: ErrorKind,
  chain: readonly string[],
  problem: string,
  needsColumns: readonly string[] = [],
): WorkbenchError {
  return new InReferenced(kind, chain, problem, needsColumns);
}

/** An error compiling a referenced segment, as the referrer's: a cycle as it is, anything else with the chain that leads to it. */
function inReferenced(target: ReferableSegment, e: unknown): Error {
  if (e instanceof SegmentCycle) return e;
  if (e instanceof InReferenced) return new InReferenced(e.kind, [target.name, ...e.chain], e.problem, e.needsColumns);
  const kind = errorKind(e);
  return new InReferenced(kind === 'unknown' ? 'rule' : kind, [target.name], errorMessage(e), needsColumnsOf(e));
}
