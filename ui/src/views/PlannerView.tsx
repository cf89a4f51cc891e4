// The ROAS planner: four layers with uncertainty, scenarios saved per client. The plan being
// worked on is kept per client while the user is in another area of the app.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, toAppError } from "../api";
import type { Assumption, ClientSummary, Preset, SavedScenario } from "../bindings";
import { EmptyState, ErrorBanner } from "../components/Bits";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { useToast } from "../components/Toast";
import { useKept } from "../keep";
import { Compare } from "./planner/Compare";
import {
  activeKeys,
  catalogueOf,
  errorTarget,
  fieldLabel,
  formFromPlan,
  planFromForm,
  textFromInput,
  type Catalogue,
  type FieldError,
  type FieldKey,
  type FormState,
} from "./planner/fields";
import { fmtCount, fmtRatio } from "./planner/numbers";
import { PlanForm } from "./planner/PlanForm";
import { Results } from "./planner/Results";
import { FixList, ResultsBar } from "./planner/ResultsBar";
import { Scenarios } from "./planner/Scenarios";
import { usePlanReport } from "./planner/usePlanReport";
import { usePlannerWork, withForm, workKey, type Work } from "./planner/work";
import "./planner/planner.css";

type Pending = { title: string; body: string; confirmLabel: string; danger: boolean; run: () => void };

const message = (e: unknown) => toAppError(e).message;

/** Focuses the first input of a field (or of one end of its range) in the plan form. */
function focusField(field: string, part: string | null) {
  const root = document.querySelector<HTMLElement>(".pl-form");
  const box = root?.querySelector<HTMLElement>(`[data-field="${field}"]`);
  const inputs = box ? Array.from(box.querySelectorAll<HTMLInputElement>("input")) : [];
  const target = (part && inputs.find((i) => i.id.endsWith(`-${part}`))) || inputs[0];
  target?.focus();
}

export function PlannerView({ clientId, onSelectClient }: { clientId: number | null; onSelectClient: (id: number) => void }) {
  const toast = useToast();
  // The presets and the field catalogue are the same for every client and every visit.
  const [presets, setPresets] = useKept<Preset[] | null>("planner-presets", null);
  const [presetsError, setPresetsError] = useState<string | null>(null);
  const [catalogue, setCatalogue] = useKept<Catalogue | null>("planner-catalogue", null);
  const [catalogueError, setCatalogueError] = useState<string | null>(null);
  const [work, update] = usePlannerWork(clientId);
  const { form, presetId, presetReasons, lagImport, currentId, name, compareIds } = work;
  const touched = useMemo(() => new Set(work.touched), [work.touched]);
  const [presetsTried, setPresetsTried] = useState(presets !== null);
  const ready = work.started || presetsTried;

  const [clients, setClients] = useState<ClientSummary[] | null>(null);
  const [clientsError, setClientsError] = useState<string | null>(null);
  const [scenarios, setScenarios] = useState<SavedScenario[] | null>(null);
  const [scenariosError, setScenariosError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [exporting, setExporting] = useState(false);
  const clientSelectRef = useRef<HTMLSelectElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const resultsRef = useRef<HTMLDivElement>(null);
  const jumpToResults = () => {
    resultsRef.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
    resultsRef.current?.focus({ preventScroll: true });
  };

  const { plan, errors: localErrors } = useMemo(() => planFromForm(form, catalogue ?? {}), [form, catalogue]);
  const state = usePlanReport(ready && catalogue ? plan : null, workKey(clientId));
  const dirty = JSON.stringify(form) !== work.baseForm;

  // The planner's error goes next to its field when the field is on screen, else above the results.
  const visible = new Set<string>(["currency", ...activeKeys(form), ...(form.lagMode === "table" ? ["lag_table"] : [])]);
  const planError = state.error ? errorTarget(state.error) : null;
  const planErrorInForm = planError !== null && visible.has(planError.field);
  const errors: FieldError[] = [...localErrors, ...(planError && planErrorInForm ? [planError] : [])];

  const presetWork = (p: Preset): Partial<Work> => ({
    ...withForm(formFromPlan(p.plan), Object.fromEntries(p.assumptions.map((a) => [a.field, a.reason]))),
    presetId: p.id,
  });

  const loadPresets = useCallback(async () => {
    try {
      setPresets(await api.planPresets());
      setPresetsError(null);
    } catch (e) {
      setPresetsError(`The presets could not be loaded: ${message(e)}`);
    } finally {
      setPresetsTried(true);
    }
  }, [setPresets]);

  const loadCatalogue = useCallback(async () => {
    try {
      setCatalogue(catalogueOf(await api.planFields()));
      setCatalogueError(null);
    } catch (e) {
      setCatalogueError(`The plan fields could not be loaded: ${message(e)}`);
    }
  }, [setCatalogue]);

  useEffect(() => {
    if (!catalogue) void loadCatalogue();
    if (!presets) void loadPresets();
    // Loaded once per window; a failed load is tried again on the next visit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A client's first plan starts from the first preset.
  const firstPreset = presets?.[0];
  useEffect(() => {
    if (!firstPreset || work.started) return;
    update((w) => (w.started ? {} : presetWork(firstPreset)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [firstPreset, work.started, update]);

  const loadClients = useCallback(async () => {
    try {
      setClients(await api.listClients());
      setClientsError(null);
    } catch (e) {
      setClientsError(`The clients could not be loaded: ${message(e)}`);
    }
  }, []);

  useEffect(() => {
    void loadClients();
  }, [loadClients]);

  const loadScenarios = useCallback(async () => {
    if (clientId === null) {
      setScenarios(null);
      return;
    }
    try {
      setScenarios(await api.listScenarios(clientId));
      setScenariosError(null);
    } catch (e) {
      setScenariosError(`The saved scenarios could not be loaded: ${message(e)}`);
    }
  }, [clientId]);

  useEffect(() => {
    // Another client's scenarios are not this one's; the open scenario and the ticked ones are
    // kept with each client's work.
    setScenarios(null);
    void loadScenarios();
  }, [loadScenarios]);

  const changeForm = (next: FormState, field?: FieldKey) =>
    update((w) => ({
      started: true,
      form: next,
      touched: field && !w.touched.includes(field) ? [...w.touched, field] : w.touched,
    }));

  /** Replacing the form loses unsaved edits, so ask first when there are any. */
  const guard = (title: string, confirmLabel: string, run: () => void) => {
    if (!dirty) return run();
    setPending({ title, body: "Your changes to the current plan have not been saved. They will be lost.", confirmLabel, danger: true, run });
  };

  const choosePreset = (p: Preset) =>
    guard(`Start from the ${p.name} preset?`, "Use preset", () => {
      update({ ...presetWork(p), currentId: null, name: "" });
      setSaveError(null);
    });

  const openScenario = (s: SavedScenario) =>
    guard(`Open “${s.name}”?`, "Open", () => {
      update({ ...withForm(formFromPlan(s.plan), {}), presetId: null, currentId: s.id, name: s.name });
      setSaveError(null);
    });

  const clientName = (id: number) => clients?.find((c) => c.client.id === id)?.client.name ?? `client #${id}`;

  /** Each client keeps its own plan, so switching loses nothing now; unsaved changes are still only in this window. */
  const selectClient = (id: number) => {
    if (id === clientId) return;
    if (!dirty || clientId === null) return onSelectClient(id);
    const what = currentId !== null && name.trim() ? `“${name.trim()}”` : "this plan";
    setPending({
      title: `Switch to ${clientName(id)}?`,
      body: `Your changes to ${what} have not been saved. They stay with ${clientName(clientId)} until you close Preflight; save them to keep them.`,
      confirmLabel: "Switch client",
      danger: false,
      run: () => onSelectClient(id),
    });
  };

  const save = async (asNew: boolean) => {
    setSaveError(null);
    if (clientId === null) {
      setSaveError("Choose a client first: scenarios are saved per client.");
      clientSelectRef.current?.focus();
      return;
    }
    if (!plan) {
      setSaveError("Fix the fields marked in red before saving.");
      const first = localErrors[0];
      if (first) focusField(first.field, first.part);
      return;
    }
    const trimmed = name.trim();
    if (!trimmed) {
      setSaveError("Give the scenario a name first.");
      nameRef.current?.focus();
      return;
    }
    setSaving(true);
    try {
      const saved = await api.saveScenario(clientId, asNew ? null : currentId, trimmed, plan);
      update({ currentId: saved.id, name: saved.name, baseForm: JSON.stringify(form) });
      toast(`Saved “${saved.name}”.`);
      await loadScenarios();
    } catch (e) {
      setSaveError(message(e));
      nameRef.current?.focus();
    } finally {
      setSaving(false);
    }
  };

  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveRef.current(false);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const rename = async (s: SavedScenario, newName: string): Promise<boolean> => {
    const trimmed = newName.trim();
    if (!trimmed || clientId === null) return false;
    try {
      const saved = await api.saveScenario(clientId, s.id, trimmed, s.plan);
      update((w) => (w.currentId === s.id ? { name: saved.name } : {}));
      toast(`Renamed to “${saved.name}”.`);
      await loadScenarios();
      return true;
    } catch (e) {
      toast(message(e), { tone: "error" });
      return false;
    }
  };

  const remove = async (s: SavedScenario) => {
    try {
      await api.deleteScenario(s.id);
      update((w) => ({ currentId: w.currentId === s.id ? null : w.currentId, compareIds: w.compareIds.filter((id) => id !== s.id) }));
      await loadScenarios();
      toast(`Deleted “${s.name}”.`, {
        action: {
          label: "Undo",
          run: () => {
            api.restoreScenario(s.id).then(
              () => {
                toast(`Restored “${s.name}”.`);
                void loadScenarios();
              },
              (e: unknown) => toast(message(e), { tone: "error" }),
            );
          },
        },
      });
    } catch (e) {
      toast(message(e), { tone: "error" });
    }
  };

  const exportPdf = async (choosePath: boolean) => {
    if (!plan) {
      toast("Fix the fields marked in red before exporting.", { tone: "error" });
      return;
    }
    const title = name.trim() || "Untitled plan";
    setExporting(true);
    try {
      let path: string | null = null;
      if (choosePath) {
        const suggested = `${title.replace(/[\\/:*?"<>|]+/g, " ").trim() || "plan"}.pdf`;
        path = await api.chooseSavePath("Save the plan as PDF", suggested);
        if (path === null) return;
      }
      const written = await api.exportPlanPdf(clientId, title, plan, path);
      toast(`PDF saved to ${written}`);
    } catch (e) {
      toast(`The PDF could not be written: ${message(e)}`, { tone: "error" });
    } finally {
      setExporting(false);
    }
  };

  const override = (a: Assumption) => {
    const key = a.field as FieldKey;
    if (!(key in form.values)) return;
    const text = a.input !== undefined ? textFromInput(a.input) : form.values[key];
    changeForm({ ...form, values: { ...form.values, [key]: text } }, key);
    window.setTimeout(() => focusField(key, text.mode === "range" ? "likely" : null), 0);
  };

  const compared = (scenarios ?? []).filter((s) => compareIds.includes(s.id));
  const report = state.report;
  const activePreset = presets?.find((p) => p.id === presetId) ?? null;
  const planOk = plan !== null;

  return (
    <div className="page-pad pl-page">
      <header className="detail-header">
        <div>
          <h1>ROAS planner</h1>
          <p className="muted">
            What ChatGPT Ads are worth once late buyers, sales that would have happened anyway and AI visibility are counted.
          </p>
        </div>
        <div className="header-actions">
          <button type="button" className="button" disabled={!planOk || exporting} onClick={() => void exportPdf(false)}>
            Export PDF
          </button>
          <button type="button" className="button" disabled={!planOk || exporting} onClick={() => void exportPdf(true)}>
            Save PDF as…
          </button>
        </div>
      </header>

      <Scenarios
        clientId={clientId}
        clients={clients}
        clientsError={clientsError}
        onRetryClients={loadClients}
        onSelectClient={selectClient}
        clientSelectRef={clientSelectRef}
        nameRef={nameRef}
        scenarios={scenarios}
        scenariosError={scenariosError}
        onRetryScenarios={loadScenarios}
        currentId={currentId}
        name={name}
        onName={(n) => {
          update({ name: n });
          setSaveError(null);
        }}
        dirty={dirty}
        saving={saving}
        saveError={saveError}
        canSave={planOk}
        onSave={(asNew) => void save(asNew)}
        onOpen={openScenario}
        onRename={rename}
        onDelete={(s) => void remove(s)}
        compareIds={compareIds}
        onToggleCompare={(id) =>
          update((w) => ({ compareIds: w.compareIds.includes(id) ? w.compareIds.filter((x) => x !== id) : [...w.compareIds, id] }))
        }
      />

      {compared.length >= 2 && <Compare scenarios={compared} onClose={() => update({ compareIds: [] })} />}
      {compared.length === 1 && <p className="muted small">Tick one more scenario to compare.</p>}

      <div className="pl-layout">
        <section className="card pl-inputs" aria-labelledby="pl-inputs-title">
          <h2 id="pl-inputs-title">Your numbers</h2>
          {presetsError && <ErrorBanner message={presetsError} onRetry={() => void loadPresets()} />}
          {presets && presets.length > 0 && (
            <div className="pl-presets">
              <div className="pl-label" id="pl-presets-label">
                Start from
              </div>
              <div className="segmented pl-preset-buttons" role="group" aria-labelledby="pl-presets-label">
                {presets.map((p) => (
                  <button
                    key={p.id}
                    type="button"
                    className={p.id === presetId ? "active" : ""}
                    aria-pressed={p.id === presetId}
                    onClick={() => choosePreset(p)}
                  >
                    {p.name}
                  </button>
                ))}
              </div>
              {activePreset && <p className="muted small pl-preset-desc">{activePreset.description}</p>}
            </div>
          )}
          <p className="muted small">
            Shares are written as decimals: 0.03 means 3%. Use a range when you are not sure; the results then show how wide the
            outcome can be. Leave a field empty to use the planner’s default.
          </p>
          {catalogueError && <ErrorBanner message={catalogueError} onRetry={() => void loadCatalogue()} />}
          {catalogue && (
            <PlanForm
              form={form}
              catalogue={catalogue}
              moneyPrefix={report?.money.format.prefix ?? ""}
              onChange={changeForm}
              errors={errors}
              assumptions={report?.assumptions ?? []}
              presetReasons={presetReasons}
              touched={touched}
              lagImport={lagImport}
              onLagImport={(r) => update({ lagImport: r })}
            />
          )}
          <ResultsBar report={report} errorCount={localErrors.length} onJump={jumpToResults} />
        </section>

        <div className="pl-results" id="pl-results" ref={resultsRef} tabIndex={-1} role="region" aria-label="Results" aria-busy={state.computing}>
          <div className="pl-status small" role="status" data-testid="plan-status">
            {localErrors.length > 0
              ? `Fix ${localErrors.length === 1 ? "the field" : `the ${localErrors.length} fields`} marked in red to update the results.`
              : state.computing
                ? "Updating…"
                : report && !state.error
                  ? `Up to date: real return ${fmtRatio(report.point.layers.halo.roas)} against a break-even of ${fmtRatio(report.point.break_even_roas)}.`
                  : ""}
          </div>
          <FixList errors={localErrors} onGoTo={(e) => focusField(e.field, e.part)} />
          {planError && (
            <div className="pl-plan-error" role="alert" data-testid="plan-error">
              <span>
                {planErrorInForm && catalogue ? `${fieldLabel(catalogue, planError.field)}: ` : ""}
                {planError.message}
              </span>
              {planErrorInForm && (
                <button type="button" className="button button-small" onClick={() => focusField(planError.field, planError.part)}>
                  Go to the field
                </button>
              )}
            </div>
          )}
          {report ? (
            <div className={state.stale ? "pl-stale" : ""}>
              {state.stale && <p className="muted small">Showing the last plan that could be computed.</p>}
              <Results report={report} catalogue={catalogue ?? {}} onOverride={override} />
              {report.point.reach && (
                <section className="card" aria-labelledby="pl-reach-title">
                  <h2 id="pl-reach-title">Reach</h2>
                  <p>
                    About <strong>{fmtCount(report.point.reach.reachable)}</strong> people can see the ads after{" "}
                    {fmtCount(report.point.reach.quarters)} quarter{report.point.reach.quarters === 1 ? "" : "s"}.
                  </p>
                </section>
              )}
            </div>
          ) : (
            !state.computing &&
            ready && (
              <EmptyState title="No results yet">
                {errors.length > 0 || planError
                  ? "Fix the field marked in red and the results appear here."
                  : "Fill in your budget, conversion rate and value, or start from a preset."}
              </EmptyState>
            )
          )}
        </div>
      </div>

      {pending && (
        <ConfirmDialog
          title={pending.title}
          body={pending.body}
          confirmLabel={pending.confirmLabel}
          danger={pending.danger}
          onConfirm={() => {
            const run = pending.run;
            setPending(null);
            run();
          }}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}
