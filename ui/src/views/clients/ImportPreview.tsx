// What an import would add, as the engine previewed it: the new pages, then, folded away, the
// pages the client already has, the URLs the source lists more than once and the entries that are
// not web addresses. An export whose URL column is unclear asks which column to read.
import { useState } from "react";
import type { ColumnCandidate, PagesPreview } from "../../bindings";
import { plural } from "../../format";
import { columnLetter } from "../utm/model";

/** New pages shown before "show all". */
const SHOWN = 8;

function columnName(c: ColumnCandidate): string {
  return c.header.trim() ? `${columnLetter(c.index)} · ${c.header}` : `Column ${columnLetter(c.index)}`;
}

export function ImportPreview(props: {
  preview: PagesPreview;
  busy: boolean;
  onColumn: (index: number) => void;
  onAdd: () => void;
  onCancel: () => void;
}) {
  const p = props.preview;
  const columns = p.columns;
  const needsColumn = columns != null && columns.column == null;
  const [picking, setPicking] = useState(false);
  const [choice, setChoice] = useState<number | null>(columns?.column ?? columns?.candidates[0]?.index ?? null);
  const [showAll, setShowAll] = useState(false);
  const inUse = columns?.candidates.find((c) => c.index === columns.column);
  const count = p.new_pages.length;
  const shown = showAll ? p.new_pages : p.new_pages.slice(0, SHOWN);
  const skipped = p.skipped.length + p.skipped_not_listed;
  const repeated = p.repeated.length + p.repeated_not_listed;

  return (
    <div className="import-preview" data-testid="import-preview" aria-live="polite">
      <p className="small">
        <strong>{p.source}</strong>
        {needsColumn ? ": choose the column to read." : `: ${plural(count, "new page", "new pages")}.`}
      </p>

      {columns && (needsColumn || picking) ? (
        <div className="import-callout import-callout-warn" data-testid="import-columns">
          <strong>Which column holds the landing-page addresses?</strong>
          <p className="small">
            {needsColumn
              ? "No column clearly looks like web addresses. Pick the one your ads link to."
              : "Pick the column your ads link to."}
          </p>
          <fieldset className="import-column-list" disabled={props.busy}>
            <legend className="import-sr-only">Landing-page column</legend>
            {columns.candidates.map((c) => (
              <label key={c.index} className={`import-column ${choice === c.index ? "selected" : ""}`}>
                <input type="radio" name="import-column" value={c.index} checked={choice === c.index} onChange={() => setChoice(c.index)} />
                <span className="import-column-body">
                  <span>{columnName(c)}</span>
                  {c.samples.length > 0 && (
                    <span className="import-samples muted small">
                      {c.samples.slice(0, 3).map((s, i) => (
                        <code key={i}>{s}</code>
                      ))}
                    </span>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
          <div className="row-end">
            {picking && (
              <button type="button" className="button" onClick={() => setPicking(false)}>
                Keep {inUse ? columnName(inUse) : "the column"}
              </button>
            )}
            <button
              type="button"
              className="button button-primary"
              data-testid="import-use-column"
              disabled={choice === null || props.busy || (!needsColumn && choice === columns.column)}
              onClick={() => {
                if (choice === null) return;
                setPicking(false);
                props.onColumn(choice);
              }}
            >
              Use this column
            </button>
          </div>
        </div>
      ) : (
        inUse && (
          <p className="small" data-testid="import-column-in-use">
            Reading addresses from <strong>{columnName(inUse)}</strong>.{" "}
            <button type="button" className="link-button small" onClick={() => setPicking(true)} data-testid="import-change-column">
              Not the right column?
            </button>
          </p>
        )
      )}

      {p.notes.map((n, i) => (
        <p key={i} className="small import-note" data-testid="import-note">
          {n}
        </p>
      ))}

      {!needsColumn && count > 0 && (
        <ul className="import-list" data-testid="import-new">
          {shown.map((u) => (
            <li key={u.url} className="url" title={u.place}>
              {u.url}
            </li>
          ))}
          {count > SHOWN && !showAll && (
            <li>
              <button type="button" className="link-button small" onClick={() => setShowAll(true)}>
                Show all {count}
              </button>
            </li>
          )}
        </ul>
      )}

      {p.already_added.length > 0 && (
        <details className="import-fold" data-testid="import-already">
          <summary className="small">{plural(p.already_added.length, "page is", "pages are")} already in this client</summary>
          <ul className="import-list">
            {p.already_added.map((u) => (
              <li key={u} className="url">
                {u}
              </li>
            ))}
          </ul>
        </details>
      )}

      {repeated > 0 && (
        <details className="import-fold" data-testid="import-repeated">
          <summary className="small">
            {plural(repeated, "address is", "addresses are")} listed more than once: each is added once
          </summary>
          <ul className="import-list">
            {p.repeated.map((r) => (
              <li key={r.url}>
                <span className="url">{r.url}</span> <span className="muted small">{r.repeats + 1} times</span>
              </li>
            ))}
            {p.repeated_not_listed > 0 && <li className="muted small">…and {p.repeated_not_listed} more</li>}
          </ul>
        </details>
      )}

      {skipped > 0 && (
        <details className="import-fold" data-testid="import-skipped">
          <summary className="small">{plural(skipped, "entry is", "entries are")} not a web address and will not be added</summary>
          <ul className="import-list">
            {p.skipped.map((s, i) => (
              <li key={i} className="small" data-testid="import-skipped-entry">
                {s.place && <span className="muted">{s.place}: </span>}
                <code>{s.text}</code> — {s.reason}
              </li>
            ))}
            {p.skipped_not_listed > 0 && <li className="muted small">…and {p.skipped_not_listed} more</li>}
          </ul>
        </details>
      )}

      <div className="row-end">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-primary" data-testid="import-add" disabled={count === 0 || needsColumn || props.busy} onClick={props.onAdd}>
          {count === 0 ? "No new pages to add" : `Add ${plural(count, "page", "pages")}`}
        </button>
      </div>
    </div>
  );
}
