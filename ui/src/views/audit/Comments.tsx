// Notes a team keeps on one audit, oldest first. Comment text is plain text: it is never read as
// HTML, and its line breaks are kept.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, Comment } from "../../bindings";
import { ErrorBanner } from "../../components/Bits";
import { useToast } from "../../components/Toast";
import { formatDate, plural } from "../../format";
import { useDataRevision } from "../../revision";
import "./comments.css";

/** The longest comment the store keeps, in characters. */
export const COMMENT_MAX_CHARS = 4000;
/** From here on the form says how many characters are left. */
const WARN_FROM = COMMENT_MAX_CHARS - 400;

/** Characters as the store counts them (code points, not UTF-16 units). */
function charCount(text: string): number {
  return Array.from(text).length;
}

export function Comments(props: { auditId: number }) {
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [draft, setDraft] = useState("");
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const toast = useToast();
  const ids = useId();
  const request = useRef(0);

  const reload = useCallback(() => {
    const mine = ++request.current;
    setLoadError(null);
    return api.listComments(props.auditId).then(
      (list) => mine === request.current && setComments(list),
      (e) => mine === request.current && setLoadError(toAppError(e)),
    );
  }, [props.auditId]);

  useEffect(() => {
    setComments(null);
    setDraft("");
    setSaveError(null);
    void reload();
  }, [reload]);

  // Colleagues' comments appear while the audit is open; the draft being written is kept.
  useDataRevision(() => void reload());

  const length = charCount(draft.trim());
  const tooLong = length > COMMENT_MAX_CHARS;
  const canAdd = length > 0 && !tooLong && !saving;

  const add = async () => {
    if (!canAdd) return;
    setSaving(true);
    setSaveError(null);
    try {
      const list = await api.addComment(props.auditId, draft);
      request.current++;
      setComments(list);
      setDraft("");
    } catch (e) {
      setSaveError(toAppError(e));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (c: Comment) => {
    try {
      await api.deleteComment(c.id);
      await reload();
      toast("Deleted the comment.", {
        action: {
          label: "Undo",
          run: () => {
            api.restoreComment(c.id).then(reload, (e) => toast(toAppError(e).message, { tone: "error" }));
          },
        },
      });
    } catch (e) {
      toast(toAppError(e).message, { tone: "error" });
    }
  };

  const sorted = comments ? [...comments].sort((a, b) => a.id - b.id) : null;

  return (
    <section className="card comments-card" data-testid="comments" aria-labelledby={`${ids}-title`}>
      <div className="card-header">
        <h2 id={`${ids}-title`}>Comments</h2>
        {sorted && sorted.length > 0 && <span className="muted small">{plural(sorted.length, "comment", "comments")}</span>}
      </div>

      {loadError && <ErrorBanner message={`The comments could not be read: ${loadError.message}`} hint={loadError.hint} onRetry={() => void reload()} />}
      {sorted === null ? (
        !loadError && <p className="muted small">Loading…</p>
      ) : sorted.length === 0 ? (
        <p className="muted small" data-testid="comments-empty">
          No comments yet. Notes you add here are shown to everyone who opens this audit.
        </p>
      ) : (
        <ol className="comment-list">
          {sorted.map((c) => (
            <li key={c.id} className="comment" data-testid="comment">
              <div className="comment-meta small">
                <span className="comment-author" data-testid="comment-author">
                  {c.created_by?.trim() || "Someone"}
                </span>
                <span className="muted" aria-hidden="true">
                  ·
                </span>
                <time className="muted" dateTime={c.created_at}>
                  {formatDate(c.created_at)}
                </time>
                <button
                  className="link-button comment-delete"
                  data-testid="comment-delete"
                  aria-label={`Delete the comment by ${c.created_by?.trim() || "someone"} from ${formatDate(c.created_at)}`}
                  onClick={() => void remove(c)}
                >
                  Delete
                </button>
              </div>
              <div className="comment-body" data-testid="comment-body">
                {c.body}
              </div>
            </li>
          ))}
        </ol>
      )}

      <form
        className="comment-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label htmlFor={`${ids}-draft`} className="visually-hidden">
          New comment
        </label>
        <textarea
          id={`${ids}-draft`}
          data-testid="comment-draft"
          rows={3}
          placeholder="Add a note for your team…"
          value={draft}
          aria-describedby={`${ids}-help`}
          aria-invalid={tooLong || undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void add();
            }
          }}
        />
        {saveError && <ErrorBanner message={saveError.message} hint={saveError.hint} />}
        <div className="comment-actions">
          <span id={`${ids}-help`} className={`small ${tooLong ? "comment-over" : length >= WARN_FROM ? "comment-near" : "muted"}`} data-testid="comment-count" aria-live="polite">
            {tooLong
              ? `${plural(length - COMMENT_MAX_CHARS, "character", "characters")} over the ${COMMENT_MAX_CHARS}-character limit.`
              : length >= WARN_FROM
                ? `${plural(COMMENT_MAX_CHARS - length, "character", "characters")} left.`
                : "Ctrl+Enter adds the comment."}
          </span>
          <button className="button button-primary" type="submit" data-testid="comment-add" disabled={!canAdd}>
            {saving ? "Adding…" : "Add comment"}
          </button>
        </div>
      </form>
    </section>
  );
}
