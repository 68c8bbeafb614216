import { sql, PostgreSQL } from '@codemirror/lang-sql';
import { Compartment } from '@codemirror/state';
import { EditorView, basicSetup } from 'codemirror';

export interface SqlEditorOptions {
  parent: HTMLElement;
  doc: string;
  /** The accessible name of the editing area. */
  label: string;
  onChange: (text: string) => void;
}

/** Table → columns, for completion. */
export type CompletionTables = Record<string, string[]>;

export interface SqlEditor {
  /** Shows `text` unless it is already the editor's text (a definition replaced from outside). */
  setText(text: string): void;
  setTables(tables: CompletionTables): void;
  destroy(): void;
}

// DuckDB's SQL is close to PostgreSQL's (quoting, casts with ::, ILIKE).
const language = (tables: CompletionTables) =>
  sql({ dialect: PostgreSQL, schema: tables, defaultTable: 'customers', upperCaseKeywords: true });

/**
 * A CodeMirror 6 SQL editor with completion of the view and column names. Loaded on demand, so
 * the page's first paint does not wait for the editor. Tab is left to move focus (no tab
 * capture), so the editor never traps keyboard users. New completion names are swapped in, not
 * a new editor, so typing, the cursor and undo survive a recomputed analysis.
 */
export function createSqlEditor(options: SqlEditorOptions, tables: CompletionTables): SqlEditor {
  const completion = new Compartment();
  const view = new EditorView({
    doc: options.doc,
    parent: options.parent,
    extensions: [
      basicSetup,
      completion.of(language(tables)),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-multiline': 'true' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    setText(text) {
      const current = view.state.doc.toString();
      if (current !== text) view.dispatch({ changes: { from: 0, to: current.length, insert: text } });
    },
    setTables(next) {
      view.dispatch({ effects: completion.reconfigure(language(next)) });
    },
    destroy: () => view.destroy(),
  };
}
