// The client's latest alerts, so a channel that stopped answering is seen: each with when, where
// to, and what happened (sent, failed and why, held back by the quiet period, a test).
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { DeliveryListing } from "../../bindings";
import { formatDate } from "../../format";

/** What happened to one alert, in words. */
export function outcomeLine(d: DeliveryListing): string {
  switch (d.outcome) {
    case "sent":
      return "Sent";
    case "test":
      return d.report.delivered ? "Test sent" : `Test not sent: ${d.report.error ?? "no answer."}`;
    case "quiet":
      return d.report.error ?? "Held back by the quiet period.";
    default:
      return `Not sent: ${d.report.error ?? "no answer."}`;
  }
}

const SHOWN = 5;

/** `refreshKey` changes after scheduled runs, `testsSent` after each test alert: both reload. */
export function RecentAlerts(props: { clientId: number; refreshKey: number; testsSent: number }) {
  const [deliveries, setDeliveries] = useState<DeliveryListing[] | null>(null);
  useEffect(() => {
    let live = true;
    api.alertDeliveries(props.clientId).then(
      (d) => live && setDeliveries(d),
      () => live && setDeliveries([]),
    );
    return () => {
      live = false;
    };
  }, [props.clientId, props.refreshKey, props.testsSent]);

  if (deliveries === null || deliveries.length === 0) return null;
  return (
    <div className="recent-alerts" data-testid="recent-alerts">
      <h3 className="small">Recent alerts</h3>
      <ul>
        {deliveries.slice(0, SHOWN).map((d, i) => {
          const failed = d.outcome === "failed" || (d.outcome === "test" && !d.report.delivered);
          return (
            <li key={i} className={`small ${failed ? "error-text" : ""}`} data-testid="recent-alert">
              <time className="muted" dateTime={d.at}>
                {formatDate(d.at)}
              </time>{" "}
              · {d.channel_label} · {outcomeLine(d)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
