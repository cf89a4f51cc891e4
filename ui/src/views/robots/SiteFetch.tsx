// "Fetch from site": a site's live robots.txt, fetched as the audit fetches it, with a quick
// pick of the clients' sites (the origins of their landing pages).
import { useEffect, useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, FetchedRobots } from "../../bindings";
import { ErrorBanner } from "../../components/Bits";
import { useKept } from "../../keep";

type Site = { origin: string; client: string };

/** The clients' sites, each origin once, in client order. */
async function clientSites(): Promise<Site[]> {
  const clients = await api.listClients();
  const sites: Site[] = [];
  const seen = new Set<string>();
  for (const { client } of clients.slice(0, 50)) {
    const pages = await api.listPages(client.id).catch(() => []);
    for (const page of pages) {
      let origin: string;
      try {
        origin = new URL(page.url).origin;
      } catch {
        continue;
      }
      if (!seen.has(origin)) {
        seen.add(origin);
        sites.push({ origin, client: client.name });
      }
    }
  }
  return sites;
}

export function SiteFetch({ onFetched }: { onFetched: (fetched: FetchedRobots) => void }) {
  const [site, setSite] = useKept("robots:site", "");
  const [sites, setSites] = useState<Site[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let live = true;
    clientSites()
      .then((s) => live && setSites(s))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  const fetchFrom = async (address: string) => {
    if (!address.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onFetched(await api.fetchSiteRobots(address));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="robots-fetch">
      <label className="field-label" htmlFor="robots-site">
        Fetch from site
      </label>
      <div className="robots-fetch-row">
        <input
          id="robots-site"
          data-testid="robots-site"
          placeholder="https://shop.example.com or any page of the site"
          value={site}
          onChange={(e) => setSite(e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && void fetchFrom(site)}
        />
        {sites.length > 0 && (
          <select
            aria-label="Clients' sites"
            data-testid="robots-client-sites"
            value=""
            onChange={(e) => {
              setSite(e.target.value);
              void fetchFrom(e.target.value);
            }}
          >
            <option value="">Clients' sites…</option>
            {sites.map((s) => (
              <option key={s.origin} value={s.origin}>
                {s.origin} ({s.client})
              </option>
            ))}
          </select>
        )}
        <button className="button" disabled={busy || !site.trim()} onClick={() => void fetchFrom(site)}>
          {busy ? "Fetching…" : "Fetch robots.txt"}
        </button>
      </div>
      <p className="muted small">
        Fetched as OAI-AdsBot, as the audit does: up to five redirects and the first 500 KiB. No robots.txt (4xx) means
        everything is allowed; a server error or no answer means crawlers must treat everything as blocked.
      </p>
      {error && <ErrorBanner message={error.message} hint={error.hint} />}
    </div>
  );
}
