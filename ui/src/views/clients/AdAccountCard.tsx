// The client's ad account: connect a read-only Ads API key (checked with OpenAI, then kept in the
// system keychain), import every ad's landing page into the client's pages, or forget the key.
import { useCallback, useEffect, useState } from "react";
import { api } from "../../api";
import type { AdDestination, AdsConnection } from "../../bindings";
import { Badge } from "../../components/Bits";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useToast } from "../../components/Toast";
import { formatDate, plural } from "../../format";

export function AdAccountCard(props: { clientId: number; clientName: string; onImported: () => void }) {
  const toast = useToast();
  const [connection, setConnection] = useState<AdsConnection | null>(null);
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState<"connect" | "import" | null>(null);
  const [error, setError] = useState<{ message: string; hint?: string | null } | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [ads, setAds] = useState<AdDestination[] | null>(null);

  const load = useCallback(() => {
    api.adsConnection(props.clientId).then(setConnection, (e) => setError(e));
    setAds(null);
  }, [props.clientId]);
  useEffect(load, [load]);

  const connect = async () => {
    setBusy("connect");
    setError(null);
    try {
      const account = await api.connectAds(props.clientId, key);
      setKey("");
      toast(`Connected to ad account ${account.name ?? account.id}.`);
      load();
    } catch (e) {
      setError(e as { message: string; hint?: string | null });
    } finally {
      setBusy(null);
    }
  };

  const importAds = async () => {
    setBusy("import");
    setError(null);
    try {
      const c = await api.importAds(props.clientId);
      const parts = [`${plural(c.added, "new ad", "new ads")}`, `${c.updated} updated`, `${c.unchanged} unchanged`];
      if (c.gone > 0) parts.push(`${c.gone} no longer in the account`);
      toast(`Imported: ${parts.join(", ")}; ${plural(c.pages_added, "landing page", "landing pages")} added.`);
      load();
      props.onImported();
    } catch (e) {
      setError(e as { message: string; hint?: string | null });
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setConfirmRemove(false);
    try {
      await api.disconnectAds(props.clientId);
      toast("The Ads API key was removed from the keychain. The imported ads stay.");
      load();
    } catch (e) {
      setError(e as { message: string; hint?: string | null });
    }
  };

  return (
    <div className="card" data-testid="ad-account">
      <div className="card-header">
        <h2>Ad account</h2>
        {connection && (
          <Badge tone={connection.connected ? "good" : "neutral"} testId="ads-connected">
            {connection.connected ? "Connected" : "Not connected"}
          </Badge>
        )}
      </div>
      {connection?.connected && <p className="muted small">The Ads API key is kept in {connection.kept_in}.</p>}
      {connection && !connection.connected && (
        <form
          className="ads-row"
          onSubmit={(e) => {
            e.preventDefault();
            void connect();
          }}
        >
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-label="Ads API key"
            placeholder="Paste a read-only Ads API key"
            data-testid="ads-key"
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
          <button className="button button-primary" data-testid="ads-connect" disabled={!key.trim() || busy !== null}>
            {busy === "connect" ? "Checking…" : "Connect"}
          </button>
        </form>
      )}
      {connection && !connection.connected && (
        <p className="muted small">
          Create the key in Ads Manager → Settings → API keys. Preflight checks it with OpenAI, keeps it in this
          computer's keychain (never in the database or an export) and only reads: campaigns, ads and their review.
        </p>
      )}
      {connection?.connected && (
        <div className="ads-row">
          <button className="button button-primary" data-testid="ads-import" disabled={busy !== null} onClick={() => void importAds()}>
            {busy === "import" ? "Importing…" : "Import ads"}
          </button>
          <button className="button" data-testid="ads-disconnect" disabled={busy !== null} onClick={() => setConfirmRemove(true)}>
            Remove key
          </button>
        </div>
      )}
      {connection && (
        <p className="muted small" data-testid="ads-state">
          {connection.ad_count > 0 && connection.imported_at
            ? `${plural(connection.ad_count, "ad", "ads")} imported ${formatDate(connection.imported_at)}; each audit shows OpenAI's review beside its pages.`
            : "No ads imported yet: importing adds every ad's landing page to the pages above and keeps OpenAI's review of it."}
        </p>
      )}
      {connection && connection.ad_count > 0 && (
        <details
          className="ads-list"
          onToggle={(e) => {
            if ((e.currentTarget as HTMLDetailsElement).open && ads === null) {
              api.listAds(props.clientId).then(setAds, (err) => setError(err));
            }
          }}
        >
          <summary className="small">Show the imported ads</summary>
          {ads === null ? (
            <p className="muted small">Reading the ads…</p>
          ) : (
            <ul className="ads-items" data-testid="ads-list">
              {ads.map((ad) => (
                <li key={ad.ad.id} className="small">
                  <strong>{ad.ad.name}</strong>{" "}
                  <span className="muted">
                    {ad.campaign.name} › {ad.ad_group.name} · review {ad.review.status ?? "not given"}
                    {ad.review.reason ? ` (${ad.review.reason})` : ""}
                  </span>
                  <div className="url">{ad.click_url ?? ad.target_url ?? "destination from the product feed"}</div>
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
      {error && (
        <p className="error-text small" role="alert" data-testid="ads-error">
          {error.message}
          {error.hint ? ` ${error.hint}` : ""}
        </p>
      )}
      {confirmRemove && (
        <ConfirmDialog
          title={`Remove the Ads API key of "${props.clientName}"?`}
          body="The key is deleted from the keychain. The imported ads and their reviews stay; connect again to import newer ones."
          confirmLabel="Remove key"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirmRemove(false)}
        />
      )}
    </div>
  );
}
