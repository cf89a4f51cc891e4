// Where GA4 would put a click on the URL, with the rule that decided it: in plain words, and
// Google's exact wording (regular expressions included) on request.
import type { ChannelRisk, Ga4Preview } from "../../bindings";
import { Badge } from "../../components/Bits";

export function channelTone(risk: ChannelRisk | null) {
  return risk === "unassigned" ? "bad" : risk === "organic-mix" ? "warn" : "neutral";
}

export function ChannelInfo({ ga4, risk }: { ga4: Ga4Preview; risk: ChannelRisk | null }) {
  const { inputs, preview } = ga4;
  const shown = (v: string) => (v.trim() === "" ? "(not set)" : v);
  return (
    <div className={`utm-channel utm-channel-${risk ?? "ok"}`} data-testid="ga4-channel">
      <div className="utm-channel-head">
        <span className="muted small">GA4 channel</span>
        <Badge tone={channelTone(risk)} testId="ga4-channel-name">
          {preview.channel}
        </Badge>
        {preview.inferred && <span className="muted small">(our inference; Google has not published this rule)</span>}
      </div>
      <p className="small utm-channel-rule">
        <span className="muted">Matching rule: </span>
        {preview.rule_words}
      </p>
      {preview.rule_text !== preview.rule_words && (
        <details className="small utm-channel-exact">
          <summary>Show the exact rule</summary>
          <code>{preview.rule_text}</code>
        </details>
      )}
      <p className="small muted">
        {inputs.from_referrer && "No utm_source or utm_medium, so GA4 falls back to the referrer: "}
        source <code>{shown(inputs.source)}</code> · medium <code>{shown(inputs.medium)}</code> · campaign{" "}
        <code>{shown(inputs.campaign)}</code>
      </p>
      {risk === "unassigned" && (
        <p className="small utm-risk utm-risk-bad" data-testid="channel-risk">
          Clicks land in <strong>Unassigned</strong>: GA4 cannot classify them, so they drop out of every channel report. Use
          utm_medium=cpc.
        </p>
      )}
      {risk === "organic-mix" && (
        <p className="small utm-risk utm-risk-warn" data-testid="channel-risk">
          Paid clicks will be <strong>mixed with organic ChatGPT traffic</strong> (people following ChatGPT's own links), so you cannot
          tell what the ads brought. Use utm_source=chatgpt and utm_medium=cpc.
        </p>
      )}
    </div>
  );
}
