// What an audit measures besides reachability: the conversion funnel, and whether each page is
// also run in a browser (which sees pixels a tag manager adds).
import { useId } from "react";
import type { BrowserStatus, Funnel } from "../../bindings";
import "./pixel.css";

export function RunOptions(props: {
  funnels: Funnel[];
  funnel: string;
  onFunnel: (id: string) => void;
  rendered: boolean;
  onRendered: (on: boolean) => void;
  browser: BrowserStatus | null;
  disabled?: boolean;
}) {
  const ids = useId();
  const noBrowser = props.browser !== null && !props.browser.found;
  return (
    <div className="run-options">
      <div className="pixel-field">
        <label htmlFor={`${ids}-funnel`}>Conversion funnel</label>
        <select
          id={`${ids}-funnel`}
          data-testid="funnel-select"
          value={props.funnel}
          disabled={props.disabled}
          onChange={(e) => props.onFunnel(e.target.value)}
        >
          <option value="">No funnel</option>
          {props.funnels.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </div>
      <label className="check-row">
        <input
          type="checkbox"
          data-testid="rendered-toggle"
          checked={props.rendered && !noBrowser}
          disabled={props.disabled || noBrowser}
          onChange={(e) => props.onRendered(e.target.checked)}
          aria-describedby={noBrowser ? `${ids}-browser` : undefined}
        />
        <span>Also run each page in a browser (finds pixels added by tag managers; slower)</span>
      </label>
      {noBrowser && (
        <p id={`${ids}-browser`} className="pixel-browser-missing small" data-testid="browser-missing">
          {props.browser?.message ?? "No Chrome or Chromium browser was found on this computer."}
        </p>
      )}
    </div>
  );
}
