// Small presentational pieces used across views. All text is rendered as text, never as HTML.
import type { ReactNode } from "react";
import type { Tone } from "../format";

export function Badge({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <h3>{title}</h3>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

/** An error's message and, when the engine gives one, its hint (what to do) under it. */
export function ErrorBanner({ message, hint, onRetry }: { message: string; hint?: string | null; onRetry?: () => void }) {
  return (
    <div className="error-banner" role="alert">
      {hint ? (
        <div>
          <div>{message}</div>
          <div className="small error-hint" data-testid="error-hint">
            {hint}
          </div>
        </div>
      ) : (
        <span>{message}</span>
      )}
      {onRetry && (
        <button className="button button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function ProgressBar({ done, total }: { done: number; total: number }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
      <div className="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
