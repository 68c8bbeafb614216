import { WorkbenchError } from '../errors.ts';

/**
 * Words that begin statements other than a query. Outside strings, quoted names and comments
 * none of them belongs in one SELECT, so finding one anywhere refuses the SQL.
 */
const REFUSED = [
  'ALTER',
  'ATTACH',
  'BEGIN',
  'CALL',
  'CHECKPOINT',
  'COMMIT',
  'COPY',
  'CREATE',
  'DELETE',
  'DETACH',
  'DROP',
  'EXPORT',
  'IMPORT',
  'INSERT',
  'INSTALL',
  'LOAD',
  'PRAGMA',
  'RESET',
  'ROLLBACK',
  'SET',
  'TRUNCATE',
  'UPDATE',
  'USE',
  'VACUUM',
] as const;

const QUERY_START = /^\(*\s*(SELECT|WITH|FROM|VALUES|TABLE)\b/i;

export type UserSql = { kind: 'condition'; sql: string } | { kind: 'query'; sql: string };

function refuse(message: string): never {
  throw new WorkbenchError('refused', message);
}

/** A dollar-quote opener (`$$`, `$tag$`) where an identifier could not go on through it. */
const DOLLAR_QUOTE = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;

/**
 * The SQL with string literals (`'…'`, `E'…'` with backslash escapes, `$$…$$`, `$tag$…$tag$`), quoted
 * names and comments blanked out, so what is left is the statement's own words: friendlier refusals
 * than the engine's. It is not the guarantee: the gate in sql-runner.ts prepares every compiled
 * statement whole, so text this reading gets wrong still runs as one SELECT or not at all.
 */
export function codeOnly(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const two = sql.slice(i, i + 2);
    const previous = sql[i - 1] ?? ' ';
    let end: number;
    DOLLAR_QUOTE.lastIndex = i;
    const dollar = ch === '$' && !/[\w$]/.test(previous) ? DOLLAR_QUOTE.exec(sql) : null;
    if (dollar) {
      end = sql.indexOf(dollar[0], i + dollar[0].length);
      if (end === -1) refuse(`A text value is missing its closing ${dollar[0]}.`);
      end += dollar[0].length;
    } else if (ch === "'" && /[eE]/.test(previous) && !/[\w$]/.test(sql[i - 2] ?? ' ')) {
      // E'…': a backslash escapes the next character, `\'` included.
      end = i + 1;
      for (;;) {
        if (end >= sql.length) refuse("A text value is missing its closing quote (').");
        if (sql[end] === '\\' || (sql[end] === "'" && sql[end + 1] === "'")) end += 2;
        else if (sql[end] === "'") break;
        else end += 1;
      }
      end += 1;
    } else if (ch === "'" || ch === '"') {
      end = i + 1;
      for (;;) {
        end = sql.indexOf(ch, end);
        if (end === -1) refuse(ch === "'" ? "A text value is missing its closing quote (')." : 'A name is missing its closing quote (").');
        if (sql[end + 1] === ch) end += 2;
        else break;
      }
      end += 1;
    } else if (two === '--') {
      end = sql.indexOf('\n', i);
      if (end === -1) end = sql.length;
    } else if (two === '/*') {
      // Comments nest, as in DuckDB's (PostgreSQL's) lexer.
      end = i + 2;
      for (let depth = 1; depth > 0;) {
        if (end >= sql.length) refuse('A comment is missing its closing */.');
        const at = sql.slice(end, end + 2);
        depth += at === '/*' ? 1 : at === '*/' ? -1 : 0;
        end += at === '/*' || at === '*/' ? 2 : 1;
      }
    } else {
      out += ch;
      i += 1;
      continue;
    }
    out += ' '.repeat(end - i);
    i = end;
  }
  return out;
}

/**
 * Checks a segment's SQL and says what it is: a boolean condition on `customers`, or a query
 * returning customer ids. Only one statement, and only a query, may run: anything that would
 * write, configure or reach outside is refused with a message that says why.
 */
export function readUserSql(input: string): UserSql {
  const sql = input.trim().replace(/(\s*;)+$/, '');
  const code = codeOnly(sql);
  if (code.trim() === '') refuse('Write a condition (e.g. monetary > 500) or a SELECT query that returns customer_id.');
  if (code.includes(';')) refuse('One statement only: a segment is a single condition or SELECT, so remove the ";".');
  const words = new Set(code.match(/[A-Za-z_][A-Za-z0-9_$]*/g)?.map((w) => w.toUpperCase()));
  const found = REFUSED.find((w) => words.has(w));
  if (found) {
    refuse(
      `${found} is not allowed: a segment is one condition or one SELECT that only reads. If "${found.toLowerCase()}" is a column name, put it in double quotes.`,
    );
  }
  return { kind: QUERY_START.test(code.trim()) ? 'query' : 'condition', sql };
}

/**
 * A segment's SQL as a boolean expression over one row of `customers`, ready for a WHERE. The
 * user's text is kept on lines of its own so a trailing `--` comment cannot swallow the wrapper.
 */
export function userSqlPredicate(input: string): string {
  return wrapUserSql(readUserSql(input));
}

/** The predicate around checked user SQL (tests also wrap unchecked text with it, to show what the gate stops). */
export function wrapUserSql(user: UserSql): string {
  // As a boolean: a condition of another type (`monetary`, `country`) fails here, on its own segment.
  if (user.kind === 'condition') return `CAST((\n${user.sql}\n) AS BOOLEAN)`;
  // Qualified, or a query without the column would bind the outer row's id and match everyone.
  return `customer_id IN (SELECT CAST(segment_query.customer_id AS VARCHAR) FROM (\n${user.sql}\n) AS segment_query)`;
}
