// The client's Conversions API checks: validate payload files, pair the server's events with an
// audit's pixel events, the optional live check with the client's key, and sample requests.
// Everything shown from files or answers is data: rendered as text, never as HTML.
import { useCallback, useEffect, useState } from "react";
import { api } from "../../api";
import type { AuditListing, CapiOverview, CapiValidation, PairingRecord } from "../../bindings";
import { formatDate } from "../../format";
import { LivePanel } from "./LivePanel";
import { PairPanel } from "./PairPanel";
import { SamplesPanel } from "./SamplesPanel";
import { ValidateForm } from "./ValidateForm";
import { ValidationResult } from "./ValidationResult";
import "./capi.css";

type Tab = "check" | "pair" | "live" | "samples";
const TABS: [Tab, string][] = [
  ["check", "Check files"],
  ["pair", "Pair with audit"],
  ["live", "Live check"],
  ["samples", "Samples"],
];

export function CapiCard(props: { clientId: number; audits: AuditListing[] }) {
  const [tab, setTab] = useState<Tab>("check");
  const [overview, setOverview] = useState<CapiOverview | null>(null);
  const [validation, setValidation] = useState<{ v: CapiValidation; at: string | null } | null>(null);
  const [pairing, setPairing] = useState<{ r: PairingRecord; at: string | null } | null>(null);
  // Whether this session validated files (pairing needs the events of a validation made now).
  const [checkedNow, setCheckedNow] = useState(false);
  const [paths, setPaths] = useState<string[]>([]);
  const [pixelId, setPixelId] = useState("");
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    let live = true;
    Promise.resolve()
      .then(() => api.capiOverview(props.clientId))
      .then(
        (o) => {
          if (!live || !o) return;
          setOverview(o);
          if (o.validation) setValidation((cur) => cur ?? { v: o.validation!.validation, at: o.validation!.checked_at });
          if (o.pairing) setPairing((cur) => cur ?? { r: o.pairing!.record, at: o.pairing!.checked_at });
        },
        (e) => live && setLoadError((e as { message?: string })?.message ?? String(e)),
      );
    return () => {
      live = false;
    };
  }, [props.clientId]);

  useEffect(() => {
    setValidation(null);
    setPairing(null);
    setCheckedNow(false);
    setPaths([]);
    return load();
  }, [load]);

  return (
    <div className="card capi-card" data-testid="capi-card">
      <div className="card-header capi-header">
        <h2>Conversions API</h2>
        <div className="segmented" role="group" aria-label="Conversions API section">
          {TABS.map(([id, label]) => (
            <button
              key={id}
              type="button"
              className={tab === id ? "active" : ""}
              aria-pressed={tab === id}
              data-testid={`capi-tab-${id}`}
              onClick={() => setTab(id)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {loadError && (
        <p className="error-text small" role="alert">
          {loadError}
        </p>
      )}
      {tab === "check" && (
        <>
          <ValidateForm
            clientId={props.clientId}
            paths={paths}
            onPaths={setPaths}
            pixelId={pixelId}
            onPixelId={setPixelId}
            onValidated={(v) => {
              setValidation({ v, at: null });
              if (!v.cancelled) setCheckedNow(true);
            }}
          />
          {validation ? (
            <>
              {validation.at && (
                <p className="muted small" data-testid="capi-checked-at">
                  Last check, {formatDate(validation.at)}.
                </p>
              )}
              <ValidationResult validation={validation.v} />
            </>
          ) : (
            <p className="muted small capi-empty" data-testid="capi-empty">
              No Conversions API file checked yet. Choose the request bodies, JSON Lines logs or HAR recordings your
              server sends to OpenAI; they are read on this computer and nothing is sent.
            </p>
          )}
        </>
      )}
      {tab === "pair" && (
        <PairPanel
          clientId={props.clientId}
          audits={props.audits}
          canPair={checkedNow}
          pixelId={pixelId}
          pairing={pairing}
          onPaired={(r) => setPairing({ r, at: null })}
        />
      )}
      {tab === "live" && overview && (
        <LivePanel clientId={props.clientId} overview={overview} paths={paths} pixelId={pixelId} onPixelId={setPixelId} onChanged={load} />
      )}
      {tab === "samples" && <SamplesPanel clientId={props.clientId} pixelId={pixelId} onPixelId={setPixelId} />}
    </div>
  );
}
