import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { apply } from './apply.ts';
import { UserError } from './user-error.ts';
import { decodeAsBrowsers } from './decode-as-browsers.ts';

const USAGE = `usage: segment-workbench apply <transactions.csv|.csv.gz|.parquet|.xlsx> [options]

Runs the browser app's import, RFM, tiers and lifecycle natively and writes the same
customer table as its "Export customers" button.

options:
  --spec <spec.json>     definitions to use instead of the defaults (see README, "Command line")
  --link <URL>           the definitions of a share link (copied from the page), instead of --spec
  --customers <file>     a customers file, its columns joined to customers by id
  --out <customers.csv>  where to write the export (default: standard output)
  --sql                  print the SQL it runs (import, analysis, export) instead of the export
  -h, --help             this help`;

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        spec: { type: 'string' },
        link: { type: 'string' },
        customers: { type: 'string' },
        out: { type: 'string' },
        sql: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UserError(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) return void process.stdout.write(USAGE + '\n');
  const [command, transactions, ...extra] = positionals;
  if (command !== 'apply') throw new UserError(command ? `unknown command: ${command}\n\n${USAGE}` : USAGE, 2);
  if (!transactions) throw new UserError(`apply needs a transactions file\n\n${USAGE}`, 2);
  if (extra.length) throw new UserError(`unexpected arguments: ${extra.join(' ')}\n\n${USAGE}`, 2);
  if (values.spec && values.link) throw new UserError(`give --spec or --link, not both\n\n${USAGE}`, 2);

  const output = await apply({ transactions, customers: values.customers, spec: values.spec, link: values.link, sql: values.sql }, (line) =>
    process.stderr.write(line + '\n'),
  );
  if (values.out) {
    try {
      await writeFile(values.out, output);
    } catch (e) {
      throw new UserError(`cannot write ${values.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  } else {
    process.stdout.write(output);
  }
}

decodeAsBrowsers();
try {
  await main(process.argv.slice(2));
} catch (e) {
  // A DuckDB error is about the data or the spec; only a bug in this program deserves a stack trace.
  const bug = !(e instanceof Error) || e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError;
  process.stderr.write(`segment-workbench: ${bug || process.env.SW_DEBUG ? ((e as Error)?.stack ?? String(e)) : (e as Error).message}\n`);
  process.exitCode = e instanceof UserError ? e.exitCode : 1;
}
