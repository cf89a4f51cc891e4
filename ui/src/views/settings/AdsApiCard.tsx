// Where Preflight asks OpenAI's Ads API: OpenAI's address unless the agency goes through a proxy.
import { useEffect, useState } from "react";
import { api, toAppError } from "../../api";
import type { AdsApiAddress } from "../../bindings";
import { useToast } from "../../components/Toast";

export function AdsApiCard() {
  const [address, setAddress] = useState<AdsApiAddress | null>(null);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  useEffect(() => {
    api.adsApiAddress().then(
      (a) => {
        setAddress(a);
        setDraft(a.saved);
      },
      (e) => setError(toAppError(e).message),
    );
  }, []);
  const save = async () => {
    setError(null);
    try {
      const a = await api.setAdsApiAddress(draft);
      setAddress(a);
      setDraft(a.saved);
      toast(a.saved ? `The Ads API is asked at ${a.saved}.` : "The Ads API is asked at OpenAI's address.");
    } catch (e) {
      setError(toAppError(e).message);
    }
  };
  return (
    <div className="card" aria-label="Ads API">
      <h2>OpenAI Ads API</h2>
      <p className="muted small">
        Clients connect their ad account on their own page. Leave the address empty to use OpenAI's; set one only to go
        through your company's proxy.
      </p>
      <form
        className="ads-row"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input
          aria-label="Ads API address"
          data-testid="ads-api-address"
          placeholder={address?.default ?? ""}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button className="button" data-testid="ads-api-save" disabled={address === null || draft.trim() === address.saved}>
          Save
        </button>
      </form>
      {address?.from_environment && (
        <p className="small warn-text">The PREFLIGHT_ADS_API_URL environment variable is set, so {address.effective} is used.</p>
      )}
      {error && (
        <p className="small error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
