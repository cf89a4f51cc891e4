// One change on one page: when it was found, for which client, which way it went, what kind of
// check it touches, the page (as text: page content is never a link out) and the sentence, with
// the two audits it was read from.
import type { ChangeListing } from "../../bindings";
import { Badge } from "../../components/Bits";
import { formatDate } from "../../format";
import { DIRECTION_TONE } from "./words";

export function ChangeRow(props: { change: ChangeListing; onOpenAudit: (id: number) => void }) {
  const { change: c } = props;
  const e = c.event;
  return (
    <li className={`change-row change-${e.direction}`} data-testid="change-row">
      <div className="change-head">
        <Badge tone={DIRECTION_TONE[e.direction]} testId="change-direction">
          {c.direction_label}
        </Badge>
        <span className="change-kind" data-testid="change-kind">
          {c.kind_label}
        </span>
        <span className="change-client" data-testid="change-client">
          {c.client_name}
        </span>
        <time className="muted small" dateTime={c.detected_at}>
          {formatDate(c.detected_at)}
        </time>
      </div>
      <div className="url change-url" data-testid="change-url">
        {e.page_url}
      </div>
      <p className="change-sentence" data-testid="change-sentence">
        {e.sentence}
      </p>
      <div className="change-actions">
        <button type="button" className="link-button small" data-testid="change-open-newer" onClick={() => props.onOpenAudit(c.newer_run_id)}>
          Open newer audit
        </button>
        <button type="button" className="link-button small" data-testid="change-open-older" onClick={() => props.onOpenAudit(c.older_run_id)}>
          Open older audit
        </button>
      </div>
    </li>
  );
}
