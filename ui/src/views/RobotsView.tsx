// The robots.txt tester: paste a file or fetch a client's live one, test many URLs at once
// exactly as OAI-AdsBot would read them, see the line that decided each and the file's lint.
// What the user typed and got stays while they are elsewhere in the app.
import { useEffect, useRef } from "react";
import { api, toAppError } from "../api";
import type { AppError, FetchedRobots, RobotsLint, RobotsTest } from "../bindings";
import { ErrorBanner } from "../components/Bits";
import { FindingItem } from "../components/FindingItem";
import { useKept } from "../keep";
import { FileLines, selectLine } from "./robots/FileLines";
import { LintList } from "./robots/LintList";
import { ResultsTable } from "./robots/ResultsTable";
import { SiteFetch } from "./robots/SiteFetch";

/** A test's answer and the inputs it answered, so a changed input can be pointed out. */
type Tested = { test: RobotsTest; text: string; agent: string; urls: string };

export function RobotsView() {
  const [text, setText] = useKept("robots:text", "User-agent: *\nDisallow: /*?utm\n");
  const [agent, setAgent] = useKept("robots:agent", "OAI-AdsBot");
  const [urls, setUrls] = useKept("robots:urls", "https://example.com/sale?utm_source=chatgpt&utm_medium=cpc\nhttps://example.com/sale");
  const [tested, setTested] = useKept<Tested | null>("robots:tested", null);
  const [selected, setSelected] = useKept("robots:selected", 0);
  const [lint, setLint] = useKept<{ text: string; lint: RobotsLint } | null>("robots:lint", null);
  const [fetched, setFetched] = useKept<FetchedRobots | null>("robots:fetched", null);
  const [focus, setFocus] = useKept<number | null>("robots:focus", null);
  const [error, setError] = useKept<AppError | null>("robots:error", null);
  const area = useRef<HTMLTextAreaElement>(null);

  // The lint follows the text, a moment after typing stops.
  useEffect(() => {
    if (lint?.text === text) return;
    let live = true;
    const timer = setTimeout(() => {
      api
        .lintRobots(text)
        .then((l) => live && setLint({ text, lint: l }))
        .catch(() => {});
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  // While the text is the one fetched, the fetch status counts (404: allow all; 5xx: block all).
  const fetchedSource = fetched && text === fetched.body ? fetched.source : undefined;

  const test = async () => {
    try {
      const result = await api.testRobots(text, agent, urls, fetchedSource);
      setTested({ test: result, text, agent, urls });
      setSelected(0);
      setFocus(null);
      setError(null);
    } catch (e) {
      setTested(null);
      setError(toAppError(e));
    }
  };

  const loadFetched = (f: FetchedRobots) => {
    setFetched(f);
    setText(f.body);
    setTested(null);
    setFocus(null);
  };

  const pick = (line: number) => {
    setFocus(line);
    selectLine(area.current, text, line);
  };

  const row = tested?.test.rows[selected] ?? null;
  const stale = tested !== null && (tested.text !== text || tested.agent !== agent || tested.urls !== urls);
  const lintLines = new Set((lint?.text === text ? lint.lint.findings : []).map((f) => f.line));

  return (
    <div className="page-pad robots-view">
      <h1>robots.txt tester</h1>
      <p className="muted">
        Checks each exact URL, query string included, under RFC 9309 — the rules OpenAI's crawlers follow — and shows the line that
        decided. Pasted files are tested on this computer; nothing is sent anywhere.
      </p>
      <SiteFetch onFetched={loadFetched} />
      {fetched && (
        <div className="robots-fetched" data-testid="robots-fetched">
          <p>{fetched.summary}</p>
          <p>
            <strong>{fetched.meaning}</strong>
          </p>
          {fetchedSource === undefined && (
            <p className="muted small">Edited since it was fetched: tests use the text in the editor.</p>
          )}
        </div>
      )}
      <div className="two-col">
        <div>
          <label className="field-label" htmlFor="robots-text">
            robots.txt
          </label>
          <textarea
            id="robots-text"
            ref={area}
            rows={12}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <FileLines
            text={text}
            decidingLine={row?.deciding_line ?? null}
            groupLines={row?.group_lines ?? []}
            lintLines={lintLines}
            focusLine={focus}
            onPick={pick}
          />
        </div>
        <div>
          <label className="field-label" htmlFor="robots-urls">
            URLs to test, one per line
          </label>
          <textarea id="robots-urls" rows={5} spellCheck={false} value={urls} onChange={(e) => setUrls(e.target.value)} />
          <label className="field-label" htmlFor="robots-agent">
            Crawler
          </label>
          <input id="robots-agent" value={agent} onChange={(e) => setAgent(e.target.value)} />
          <div className="row-end">
            <button className="button button-primary" onClick={() => void test()}>
              Test
            </button>
          </div>
          {error && <ErrorBanner message={error.message} hint={error.hint} />}
          {tested && (
            <>
              {stale && <p className="muted small">The inputs changed since this test: press Test again.</p>}
              <ResultsTable
                result={tested.test}
                selected={selected}
                onSelect={(i) => {
                  setSelected(i);
                  const line = tested.test.rows[i]?.deciding_line;
                  if (line) pick(line);
                  else setFocus(null);
                }}
              />
              {row?.verdict && (
                <div className="robots-result" data-testid="robots-row-detail">
                  <p className="small">
                    <strong>{row.input}</strong>: {row.decision} Group used: {row.group}.
                  </p>
                  <ul className="finding-list">
                    {row.findings.map((f, i) => (
                      <FindingItem key={`${selected}-${i}`} finding={f} />
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
          <h2 className="robots-lint-title">What to fix in the file</h2>
          {lint?.text === text ? <LintList lint={lint.lint} onPick={pick} /> : <p className="muted small">Reading the file…</p>}
        </div>
      </div>
    </div>
  );
}
