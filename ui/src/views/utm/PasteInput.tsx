// Pasted URLs, checked line by line as the user types.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { UrlList } from "../../bindings";
import { plural } from "../../format";
import { IssueList } from "./IssueList";
import { errorMessage } from "./model";

export function PasteInput(props: { text: string; onText: (t: string) => void; onParsed: (list: UrlList | null) => void }) {
  const { text, onParsed } = props;
  const [parsed, setParsed] = useState<UrlList | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!text.trim()) {
      setParsed(null);
      setError(null);
      onParsed(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      api.parseUtmList(text).then(
        (list) => {
          if (!live) return;
          setParsed(list);
          setError(null);
          onParsed(list);
        },
        (e) => {
          if (!live) return;
          setError(errorMessage(e));
          onParsed(null);
        },
      );
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text, onParsed]);

  return (
    <div>
      <label className="field-label" htmlFor="utm-paste">
        Destination URLs, one per line
      </label>
      <textarea
        id="utm-paste"
        data-testid="utm-paste"
        rows={7}
        spellCheck={false}
        placeholder={"https://shop.example.com/sale?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_sale\nhttps://shop.example.com/pricing?utm_source=ChatGPT"}
        value={text}
        onChange={(e) => props.onText(e.target.value)}
      />
      <p className="muted small utm-hint">
        Paste the exact URLs your ads point to, parameters included. Blank lines and lines starting with # are ignored.
      </p>
      {error && <p className="error-text small">{error}</p>}
      {parsed && (
        <div aria-live="polite">
          <p className="small" data-testid="paste-count">
            {plural(parsed.urls.length, "usable URL", "usable URLs")}
            {parsed.issues.length + parsed.issues_not_listed > 0
              ? `, ${plural(parsed.issues.length + parsed.issues_not_listed, "line", "lines")} not usable`
              : ""}
          </p>
          <IssueList issues={parsed.issues} notListed={parsed.issues_not_listed} unit="Line" testId="paste-issues" />
        </div>
      )}
    </div>
  );
}
