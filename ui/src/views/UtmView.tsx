// UTM hygiene: check the destination URLs of ChatGPT ads (pasted, from an ads-manager export or
// a sitemap), see where GA4 puts the clicks, copy corrected URLs, and build tagged URLs. What the
// user typed, loaded and checked is kept while they are in another area of the app.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, onUtmProgress } from "../api";
import type { CsvImport, InputUrl, Sitemap, TemplateLevel, UrlList, UtmCheck, UtmProgress } from "../bindings";
import { EmptyState, ErrorBanner } from "../components/Bits";
import { useKept } from "../keep";
import { CheckProgress } from "./utm/CheckProgress";
import { CsvInput } from "./utm/CsvInput";
import { errorMessage, type UrlSourceKind } from "./utm/model";
import { PasteInput } from "./utm/PasteInput";
import { Results } from "./utm/Results";
import { ReviewPanel } from "./utm/ReviewPanel";
import { SitemapInput } from "./utm/SitemapInput";
import { TabPanel, Tabs } from "./utm/Tabs";
import { TemplateBuilder } from "./utm/TemplateBuilder";
import { TemplateFields } from "./utm/TemplateFields";
import { NO_TEMPLATES, templatesToSend, type TemplateFields as Templates } from "./utm/tracking";
import "./utm/utm.css";

type Mode = "check" | "template";
type Lists = Record<UrlSourceKind, { urls: InputUrl[]; origin: string }>;

const NO_LISTS: Lists = {
  paste: { urls: [], origin: "the pasted text" },
  csv: { urls: [], origin: "the CSV file" },
  sitemap: { urls: [], origin: "the sitemap" },
};
const UNIT = { paste: "Line", csv: "Row", sitemap: "Entry" } as const;

/**
 * The check in flight, for the whole window: it runs on when the user leaves, and only the
 * newest check's answer is shown.
 */
const flight = { id: 0, following: false };

export function UtmView() {
  const [mode, setMode] = useKept<Mode>("utm:mode", "check");
  const [source, setSource] = useKept<UrlSourceKind>("utm:source", "paste");
  const [pasteText, setPasteText] = useKept("utm:paste", "");
  const [lists, setLists] = useKept<Lists>("utm:lists", NO_LISTS);
  const [followRedirects, setFollowRedirects] = useKept("utm:follow", false);
  const [busy, setBusy] = useKept("utm:busy", false);
  const [error, setError] = useKept<string | null>("utm:error", null);
  const [result, setResult] = useKept<{ check: UtmCheck; followedRedirects: boolean; run: number } | null>("utm:result", null);
  const [progress, setProgress] = useState<UtmProgress | null>(null);
  const [cancelling, setCancelling] = useKept("utm:cancelling", false);
  // Whether the check in flight follows redirects (the box may change while it runs).
  const [checkFollows, setCheckFollows] = useKept("utm:check-follows", false);
  const [bases, setBases] = useKept("utm:bases", "");
  const [templates, setTemplates] = useKept<Templates>("utm:templates", NO_TEMPLATES);
  const [templatesOpen, setTemplatesOpen] = useKept("utm:templates-open", false);
  const resultsRef = useRef<HTMLDivElement>(null);

  const setList = useCallback((kind: UrlSourceKind, urls: InputUrl[], origin?: string) => {
    setLists((l) => ({ ...l, [kind]: { urls, origin: origin ?? l[kind].origin } }));
  }, [setLists]);

  const onParsed = useCallback((list: UrlList | null) => setList("paste", list?.urls ?? []), [setList]);
  const onCsv = useCallback((r: CsvImport | null, name: string) => setList("csv", r?.urls ?? [], name), [setList]);
  const onSitemap = useCallback((s: Sitemap | null, origin: string) => setList("sitemap", s?.urls ?? [], origin), [setList]);

  const current = lists[source];

  // Redirect progress belongs to the check in flight; events after it ended are ignored.
  useEffect(() => {
    const unlisten = onUtmProgress((p) => {
      if (flight.following) setProgress(p);
    }).catch(() => null);
    return () => {
      void unlisten.then((f) => f?.());
    };
  }, []);

  const check = useCallback(async () => {
    if (busy) return;
    const id = ++flight.id;
    setBusy(true);
    setError(null);
    setProgress(null);
    setCancelling(false);
    setCheckFollows(followRedirects);
    flight.following = followRedirects;
    try {
      // Pasted text is read again so a check right after typing uses every line.
      const urls = source === "paste" ? (await api.parseUtmList(pasteText)).urls : lists[source].urls;
      if (urls.length === 0) {
        setError("There is no usable URL to check yet. Paste URLs, choose a CSV export or load a sitemap.");
        return;
      }
      const answer = await api.checkUtm(
        urls.map((u) => u.url),
        followRedirects,
        templatesToSend(templates),
      );
      if (id !== flight.id) return;
      setResult({ check: answer, followedRedirects: followRedirects, run: id });
    } catch (e) {
      if (id === flight.id) setError(errorMessage(e));
    } finally {
      if (id === flight.id) {
        flight.following = false;
        setBusy(false);
      }
    }
  }, [busy, source, pasteText, lists, followRedirects, templates, setBusy, setError, setCancelling, setCheckFollows, setResult]);

  // The check answers with the URLs followed so far; the results say it was cancelled.
  const cancel = () => {
    if (!busy || cancelling) return;
    setCancelling(true);
    void api.cancelUtmCheck().catch(() => {});
  };

  // Ctrl+Enter (Cmd+Enter) checks from anywhere in the check tab.
  const checkRef = useRef(check);
  checkRef.current = check;
  const canCheck = mode === "check" && !busy && (current.urls.length > 0 || (source === "paste" && pasteText.trim() !== ""));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && canCheck) {
        e.preventDefault();
        void checkRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canCheck]);

  // Move focus to a new answer so keyboard and screen-reader users land on it; an answer kept from
  // before the user left stays where it is.
  const shownResult = useRef(result);
  useEffect(() => {
    if (!result || result === shownResult.current) return;
    shownResult.current = result;
    const heading = resultsRef.current?.querySelector<HTMLElement>("#utm-results-title");
    heading?.focus();
    heading?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  }, [result]);

  const editAsText = () => {
    setPasteText(current.urls.map((u) => u.url).join("\n"));
    setSource("paste");
  };

  const tagInBuilder = () => {
    setBases(current.urls.map((u) => u.url).join("\n"));
    setMode("template");
  };

  const checkTagged = (urls: string[]) => {
    setPasteText(urls.join("\n"));
    setSource("paste");
    setMode("check");
  };

  const setTemplate = useCallback((level: TemplateLevel, text: string) => setTemplates((t) => ({ ...t, [level]: text })), [setTemplates]);

  // A template from the builder becomes the campaign's, ready to check with the URLs.
  const templateToCampaign = (text: string) => {
    setTemplate("campaign", text);
    setTemplatesOpen(true);
    setMode("check");
  };

  return (
    <div className="utm-view page-pad">
      <header className="detail-header">
        <div>
          <h1>UTM hygiene</h1>
          <p className="muted">
            Check that your ad URLs are tagged so GA4 counts ChatGPT ad clicks as paid, in one consistent spelling, and that nothing
            drops OpenAI's click id.
          </p>
        </div>
      </header>

      <Tabs
        label="UTM tools"
        idPrefix="utm-mode"
        className="utm-mode-tabs"
        tabs={[
          { id: "check", label: "Check URLs" },
          { id: "template", label: "Build tagged URLs" },
        ]}
        active={mode}
        onChange={setMode}
      />

      <TabPanel idPrefix="utm-mode" id="check" active={mode === "check"}>
        <section className="card" aria-label="Where the URLs come from">
          <Tabs
            label="Where the URLs come from"
            idPrefix="utm-source"
            tabs={[
              { id: "paste", label: "Paste URLs" },
              { id: "csv", label: "Ads-manager CSV" },
              { id: "sitemap", label: "Sitemap" },
            ]}
            active={source}
            onChange={setSource}
          />
          <TabPanel idPrefix="utm-source" id="paste" active={source === "paste"}>
            <PasteInput text={pasteText} onText={setPasteText} onParsed={onParsed} />
          </TabPanel>
          <TabPanel idPrefix="utm-source" id="csv" active={source === "csv"}>
            <CsvInput onImported={onCsv} />
          </TabPanel>
          <TabPanel idPrefix="utm-source" id="sitemap" active={source === "sitemap"}>
            <SitemapInput onLoaded={onSitemap} />
          </TabPanel>
        </section>

        <ReviewPanel
          urls={current.urls}
          origin={current.origin}
          unit={UNIT[source]}
          followRedirects={followRedirects}
          onFollowRedirects={setFollowRedirects}
          busy={busy}
          onCheck={() => void check()}
          onRemove={source === "paste" ? undefined : (i) => setList(source, current.urls.filter((_, n) => n !== i))}
          onEditAsText={source === "paste" ? undefined : editAsText}
          onTag={tagInBuilder}
          options={<TemplateFields value={templates} onChange={setTemplate} open={templatesOpen} onOpen={setTemplatesOpen} />}
        />

        {busy && (
          <CheckProgress
            urlCount={new Set(current.urls.map((u) => u.url)).size}
            followRedirects={checkFollows}
            progress={progress}
            cancelling={cancelling}
            onCancel={cancel}
          />
        )}
        {error && <ErrorBanner message={error} onRetry={() => void check()} />}

        <div ref={resultsRef}>
          {result ? (
            <Results
              key={result.run}
              run={result.run}
              report={result.check.report}
              followedRedirects={result.followedRedirects}
              redirectsFollowed={result.check.redirects_followed}
              cancelled={result.check.cancelled}
              templates={result.check.templates}
            />
          ) : (
            !busy && (
              <EmptyState title="No check yet">
                Add the destination URLs of your ChatGPT ads above, then press Check (Ctrl+Enter). You will see which URLs lose tracking,
                a corrected URL to copy, and the GA4 channel each click will land in.
              </EmptyState>
            )
          )}
        </div>
      </TabPanel>

      <TabPanel idPrefix="utm-mode" id="template" active={mode === "template"}>
        <TemplateBuilder bases={bases} onBases={setBases} onCheck={checkTagged} onUseTemplate={templateToCampaign} />
      </TabPanel>
    </div>
  );
}
