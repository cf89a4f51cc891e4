// The robots.txt as numbered lines, read-only, beside the editor: the line that decided the
// selected URL is marked, lines with lint findings carry a dot, and the focused line is brought
// into view. All text is rendered as text.
import { useEffect, useRef } from "react";

/** Files longer than this show a window of lines around the focused one. */
const MAX_SHOWN = 2_000;
const WINDOW = 200;

export function FileLines({
  text,
  decidingLine,
  groupLines,
  lintLines,
  focusLine,
  onPick,
}: {
  text: string;
  decidingLine: number | null;
  groupLines: number[];
  lintLines: Set<number>;
  focusLine: number | null;
  onPick: (line: number) => void;
}) {
  const lines = text.split(/\r\n|\r|\n/);
  const focusRef = useRef<HTMLLIElement>(null);
  const around = focusLine ?? decidingLine ?? 1;
  const [first, last] =
    lines.length <= MAX_SHOWN ? [1, lines.length] : [Math.max(1, around - WINDOW), Math.min(lines.length, around + WINDOW)];

  useEffect(() => {
    focusRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [focusLine, decidingLine]);

  const shown = lines.slice(first - 1, last);
  return (
    <div className="robots-lines" data-testid="robots-lines" aria-label="robots.txt by line">
      {first > 1 && <p className="muted small">Lines 1–{first - 1} not shown.</p>}
      <ol start={first}>
        {shown.map((line, i) => {
          const n = first + i;
          const classes = [
            "robots-line",
            n === decidingLine ? "robots-line-decided" : "",
            groupLines.includes(n) ? "robots-line-group" : "",
            n === focusLine ? "robots-line-focus" : "",
            lintLines.has(n) ? "robots-line-lint" : "",
          ]
            .filter(Boolean)
            .join(" ");
          return (
            <li
              key={n}
              ref={n === (focusLine ?? decidingLine) ? focusRef : undefined}
              className={classes}
              data-line={n}
              aria-current={n === decidingLine ? "true" : undefined}
              onClick={() => onPick(n)}
            >
              <span className="robots-line-number">{n}</span>
              <code className="robots-line-text">{line || " "}</code>
            </li>
          );
        })}
      </ol>
      {last < lines.length && (
        <p className="muted small">
          Lines {last + 1}–{lines.length} not shown.
        </p>
      )}
    </div>
  );
}

/** Selects line `line` (1-based) in a textarea, so the editor shows the same line. */
export function selectLine(area: HTMLTextAreaElement | null, text: string, line: number) {
  if (!area) return;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.slice(start).search(/\r\n|\r|\n/);
    if (next < 0) return;
    start += next + (text.startsWith("\r\n", start + next) ? 2 : 1);
  }
  const rest = text.slice(start).search(/\r\n|\r|\n/);
  const end = rest < 0 ? text.length : start + rest;
  area.focus({ preventScroll: true });
  area.setSelectionRange(start, end);
}
