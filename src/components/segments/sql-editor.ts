import { sql, PostgreSQL } from '@codemirror/lang-sql';
import { EditorView, basicSetup } from 'codemirror';

export interface SqlEditorOptions {
  parent: HTMLElement;
  doc: string;
  /** The accessible name of the editing area. */
  label: string;
  /** Table → columns, for completion. */
  tables: Record<string, string[]>;
  onChange: (text: string) => void;
}

/**
 * A CodeMirror 6 SQL editor with completion of the view and column names. Loaded on demand, so
 * the page's first paint does not wait for the editor. Tab is left to move focus (no tab
 * capture), so the editor never traps keyboard users.
 */
export function createSqlEditor(options: SqlEditorOptions): EditorView {
  return new EditorView({
    doc: options.doc,
    parent: options.parent,
    extensions: [
      basicSetup,
      // DuckDB's SQL is close to PostgreSQL's (quoting, casts with ::, ILIKE).
      sql({ dialect: PostgreSQL, schema: options.tables, defaultTable: 'customers', upperCaseKeywords: true }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-multiline': 'true' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
    ],
  });
}
