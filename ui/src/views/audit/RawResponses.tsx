// Everything each request got, as plain text: the request line and user agent, every redirect
// hop, the final status line, every response header, timings, the body's size and charset, the
// start of the body and any transport error. Quoted from the website, so always rendered as
// text, and copyable whole.
import type { FetchArtifact } from "../../bindings";
import { CopyButton } from "../utm/CopyButton";
import "./audit.css";

export const AGENT_NAME: Record<FetchArtifact["agent"], string> = {
  adsbot: "OAI-AdsBot",
  adsbot_token: "OAI-AdsBot (name only)",
  browser: "Browser",
};

/** One request's evidence as text, the way it is shown and copied. */
export function rawText(f: FetchArtifact): string {
  const lines: string[] = [];
  lines.push(`GET ${f.requested_url}`);
  lines.push(`User-Agent: ${f.user_agent}`);
  lines.push("");
  if (f.hops.length > 0) {
    lines.push(`Responses (${f.hops.length}):`);
    f.hops.forEach((h, i) => {
      const to = h.location ? ` → Location: ${h.location}` : "";
      lines.push(`${i + 1}. HTTP ${h.status} ${h.url}${to} (${h.elapsed_ms} ms)`);
    });
    lines.push("");
  }
  if (f.status !== undefined && f.status !== null) {
    lines.push(`Final: HTTP ${f.status}${f.final_url ? ` ${f.final_url}` : ""}`);
  } else {
    lines.push("Final: no response");
  }
  if (f.error) {
    lines.push(`Error (${f.error.kind}): ${f.error.message}`);
    // The technical detail, in reports that keep it.
    const detail = (f.error as { detail?: string | null }).detail;
    if (detail) lines.push(`Detail: ${detail}`);
  }
  if (f.rate_limit_retry) {
    const r = f.rate_limit_retry;
    lines.push(`Rate limited at ${r.url}${r.retry_after ? ` (Retry-After: ${r.retry_after})` : ""}; asked again after ${r.waited_ms} ms`);
  }
  lines.push("");
  lines.push(`Response headers (${f.headers.length}):`);
  for (const h of f.headers) lines.push(`${h.name}: ${h.value}`);
  lines.push("");
  lines.push(`Time: ${f.total_ms} ms in total`);
  const body = [`${f.body_bytes.toLocaleString("en-US")} bytes`];
  if (f.body_truncated) body.push("cut at the size limit");
  if (f.content_type) body.push(`type ${f.content_type}`);
  body.push(f.charset ? `charset ${f.charset}` : "charset unknown");
  if (f.decode_errors) body.push("some bytes were not valid in that charset");
  lines.push(`Body: ${body.join(", ")}`);
  if (f.title) lines.push(`Title: ${f.title}`);
  lines.push("");
  lines.push("Start of the body:");
  lines.push(f.body_head === "" ? "(empty)" : f.body_head);
  return lines.join("\n");
}

export function RawResponses({ fetches }: { fetches: FetchArtifact[] }) {
  if (fetches.length === 0) return <p className="muted small">No request was made for this page.</p>;
  return (
    <div className="raw-responses" data-testid="raw-responses">
      {fetches.map((f) => {
        const text = rawText(f);
        return (
          <section key={f.agent} className="raw-response" data-testid={`raw-${f.agent}`}>
            <div className="raw-response-head">
              <h4>{AGENT_NAME[f.agent]}</h4>
              <CopyButton text={text} done={`Copied what ${AGENT_NAME[f.agent]} got.`} ariaLabel={`Copy what ${AGENT_NAME[f.agent]} got`} testId={`copy-raw-${f.agent}`} />
            </div>
            <pre className="raw-text">{text}</pre>
          </section>
        );
      })}
    </div>
  );
}
