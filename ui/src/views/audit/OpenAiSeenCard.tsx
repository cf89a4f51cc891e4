// "What OpenAI saw": OpenAI's review of each ad (from the Ads API) and the real crawler's requests
// in the client's newest access log, beside this audit's verdicts. Nothing here changes the
// audit's figures; each line says whether the two agree and what to do. OpenAI's screenshot is
// a link to copy, never fetched by Preflight.
import type { AdSeen, PageSeenByOpenAi, WhatOpenAiSaw } from "../../bindings";
import { Badge } from "../../components/Bits";
import { useToast } from "../../components/Toast";
import { formatDate, plural, type Tone } from "../../format";
import type { OpenAiMark } from "./PageGrid";

const AGREEMENT_TONE: Record<string, Tone> = {
  agree: "good",
  explainable: "warn",
  stale: "warn",
  disagree: "bad",
  not_audited: "neutral",
};

/** The grid's mark for each page OpenAI reported on: "OpenAI disagrees" where an ad's review or
 * the log says otherwise than the audit, "OpenAI agrees" where every report agrees. */
export function openAiMarks(seen: WhatOpenAiSaw | null): Map<string, OpenAiMark> {
  const marks = new Map<string, OpenAiMark>();
  for (const p of seen?.pages ?? []) {
    if (p.ads.length === 0 && !p.log) continue;
    const bad = p.log_finding || p.ads.some((a) => a.agreement === "disagree");
    const differs = p.ads.some((a) => a.agreement !== "agree");
    marks.set(
      p.url,
      bad ? { tone: "bad", label: "OpenAI disagrees" } : differs ? { tone: "warn", label: "OpenAI differs" } : { tone: "good", label: "OpenAI agrees" },
    );
  }
  return marks;
}

/** The whole audit's evidence, or one page's when `pageUrl` is given. */
export function OpenAiSeenCard({ seen, pageUrl }: { seen: WhatOpenAiSaw; pageUrl?: string }) {
  const pages = seen.pages.filter((p) => (pageUrl ? p.url === pageUrl : p.ads.length > 0 || p.log));
  const notAudited = pageUrl ? [] : seen.ads_not_audited;
  if (pageUrl && pages.every((p) => p.ads.length === 0 && !p.log)) return null;
  const sources = [
    seen.ads_imported_at ? `ads imported ${formatDate(seen.ads_imported_at)}` : null,
    seen.log_file ? `access log ${seen.log_file}` : null,
  ].filter(Boolean);
  const differing = seen.pages.flatMap((p) => p.ads).filter((a) => a.agreement !== "agree").length;
  const logDisagree = seen.pages.filter((p) => p.log_finding).length;
  return (
    <section className="card openai-seen" data-testid={pageUrl ? "openai-seen-page" : "openai-seen"}>
      <div className="card-header">
        <h3>What OpenAI saw{pageUrl ? " of this page" : ""}</h3>
        <span className="muted small">{sources.join(" · ")}</span>
      </div>
      {!pageUrl && (
        <p className="small" data-testid="openai-seen-summary">
          {differing === 0 && logDisagree === 0
            ? "OpenAI's reports agree with this audit."
            : [
                differing > 0 ? `${plural(differing, "ad's review differs", "ads' reviews differ")} from this audit` : null,
                logDisagree > 0 ? `the access log disagrees on ${plural(logDisagree, "page", "pages")}` : null,
              ]
                .filter(Boolean)
                .join("; ") + "."}{" "}
          These reports never change the audit's figures.
        </p>
      )}
      {!pageUrl &&
        (seen.log_notes ?? []).map((note) => (
          <p key={note} className="small warn-text" data-testid="openai-seen-note">
            {note}
          </p>
        ))}
      {pages.length === 0 && notAudited.length === 0 && (
        <p className="muted small">No imported ad sends people to these pages and the log has no request from OpenAI's crawler for them.</p>
      )}
      <ul className="openai-seen-list">
        {pages.map((p) => (
          <PageLines key={p.url} page={p} showUrl={!pageUrl} />
        ))}
        {notAudited.map((ad) => (
          <li key={ad.ad_id}>
            <AdLine ad={ad} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PageLines({ page, showUrl }: { page: PageSeenByOpenAi; showUrl: boolean }) {
  return (
    <li data-testid="openai-seen-row" data-url={page.url}>
      {showUrl && <div className="url">{page.url}</div>}
      {page.ads.map((ad) => (
        <AdLine key={ad.ad_id} ad={ad} />
      ))}
      {page.log && (
        <div className="openai-seen-line" data-testid="openai-seen-log">
          <Badge tone={page.log_finding ? "bad" : "good"}>{page.log_finding ? "Log disagrees" : "Log agrees"}</Badge>{" "}
          <strong>Access log:</strong> {plural(page.log.requests, "request", "requests")}{" "}
          {page.log.addresses !== "not-checked" ? "from OpenAI's addresses" : "with OpenAI's crawler name (addresses not checked)"},{" "}
          {page.log.refused} refused; the latest got HTTP {page.log.last_status} on {formatDate(page.log.last_seen)}.
          {page.log.impostor_requests > 0 && ` ${page.log.impostor_requests} from other addresses (impostors) counted apart.`}
          {page.log_finding && <div className="small">{page.log_finding.remedy}</div>}
        </div>
      )}
    </li>
  );
}

function AdLine({ ad }: { ad: AdSeen }) {
  const toast = useToast();
  const review = ad.review_status ?? "no review yet";
  return (
    <div className="openai-seen-line" data-testid="openai-seen-ad" data-agreement={ad.agreement}>
      <Badge tone={AGREEMENT_TONE[ad.agreement] ?? "neutral"}>{ad.agreement_label}</Badge>{" "}
      <strong>
        {ad.ad_name} ({ad.campaign} › {ad.ad_group}):
      </strong>{" "}
      review {review}
      {ad.reason ? `: ${ad.reason.replace(/\.$/, "")}` : ""}
      {ad.reason_code ? ` (${ad.reason_code})` : ""}.
      {ad.serving_issues.map((issue) => (
        <span key={issue}> Not serving: {issue}</span>
      ))}
      <div className="small">{ad.line}</div>
      {ad.screenshot_url && (
        <div className="small muted">
          OpenAI's screenshot: <span className="url">{ad.screenshot_url}</span>{" "}
          <button
            className="link-button small"
            onClick={() =>
              navigator.clipboard?.writeText(ad.screenshot_url ?? "").then(
                () => toast("Link copied: open it in your browser."),
                () => toast("The link could not be copied; select it and copy it by hand.", { tone: "error" }),
              )
            }
          >
            Copy link
          </button>
        </div>
      )}
    </div>
  );
}
