import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, onCapiProgress } from "../../api";
import type { CapiFinding, CapiProgress, CapiValidation, Status } from "../../bindings";
import { listing } from "../history/testData";
import { CapiCard } from "./CapiCard";

let progressHandler: ((p: CapiProgress) => void) | null = null;

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return {
    ...actual,
    onCapiProgress: vi.fn(),
    api: {
      capiOverview: vi.fn(),
      capiValidate: vi.fn(),
      capiCancel: vi.fn(),
      capiPair: vi.fn(),
      capiSaveKey: vi.fn(),
      capiRemoveKey: vi.fn(),
      capiSetEndpoint: vi.fn(),
      capiLiveCheck: vi.fn(),
      capiSamples: vi.fn(),
      chooseFiles: vi.fn(),
    },
  };
});
const m = vi.mocked(api);

const HOSTILE = '<img src=x onerror="alert(1)">';

function finding(status: Status, title: string, over: Partial<CapiFinding> = {}): CapiFinding {
  return {
    batch: 1,
    file: "events.jsonl",
    line: 2,
    event_index: 0,
    path: "$.events[0].timestamp_ms",
    finding: { id: `capi-${status}`, area: "pixel", status, severity: "high", confidence: "high", title, detail: "", evidence: [], remedy: `Fix ${title}` },
    ...over,
  };
}

function validation(over: Partial<CapiValidation> = {}): CapiValidation {
  return {
    sent_at: "2026-11-25T10:00:00Z",
    files: [{ name: "events.jsonl", format: "json_lines", bytes: 300, events: 2, bad_lines: 1 }],
    batches: [
      { number: 1, label: "events.jsonl line 1", is_request: false, events: 1, events_failing: 0, accepted: true, verdict: "OpenAI would accept this batch." },
      { number: 2, label: "events.jsonl line 3", is_request: false, events: 1, events_failing: 1, accepted: false, verdict: `OpenAI would reject this whole batch ${HOSTILE}` },
    ],
    batches_total: 2,
    batches_rejected: 1,
    events_checked: 2,
    events_failing: 1,
    findings: [finding("warn", "A warning"), finding("fail", "Timestamp in seconds", { line: 3 })],
    findings_total: 2,
    counts: [{ id: "capi-fail", status: "fail", example: "Timestamp in seconds", count: 1 }],
    event_types: [],
    keys_found: 0,
    summary: "OpenAI would reject 1 of 2 batches.",
    cancelled: false,
    ...over,
  };
}

function show(audits = [listing({ id: 9, started_at: "2026-11-25T10:00:00Z" })]) {
  return render(<CapiCard clientId={1} audits={audits} />);
}

beforeEach(() => {
  vi.resetAllMocks();
  progressHandler = null;
  vi.mocked(onCapiProgress).mockImplementation((h) => {
    progressHandler = h;
    return Promise.resolve(() => {});
  });
  m.capiOverview.mockResolvedValue({ has_key: false, endpoint: "https://bzr.openai.com" });
  m.capiCancel.mockResolvedValue(undefined);
});
afterEach(cleanup);

describe("CapiCard", () => {
  it("says clearly when no file was checked yet", async () => {
    show();
    expect((await screen.findByTestId("capi-empty")).textContent).toContain("No Conversions API file checked yet");
    expect((screen.getByTestId("capi-validate")) as HTMLButtonElement).toHaveProperty("disabled", true);
  });

  it("shows the last kept check", async () => {
    m.capiOverview.mockResolvedValue({
      has_key: false,
      endpoint: "https://bzr.openai.com",
      validation: { checked_at: "2026-11-25T10:00:00Z", validation: validation() },
    });
    show();
    expect((await screen.findByTestId("capi-summary")).textContent).toContain("OpenAI would reject 1 of 2 batches.");
    expect(screen.getByTestId("capi-checked-at")).toBeTruthy();
  });

  it("checks chosen files with progress and shows rejected batches first, findings and counts", async () => {
    m.chooseFiles.mockResolvedValue(["/tmp/events.jsonl"]);
    let finish: (v: CapiValidation) => void = () => {};
    m.capiValidate.mockReturnValue(new Promise((r) => (finish = r)));
    show();
    fireEvent.click(await screen.findByTestId("capi-choose"));
    await waitFor(() => expect((screen.getByTestId("capi-paths")) as HTMLInputElement).toHaveProperty("value", "/tmp/events.jsonl"));
    fireEvent.change(screen.getByTestId("capi-pixel-id"), { target: { value: "px_1" } });
    fireEvent.click(screen.getByTestId("capi-validate"));
    expect(m.capiValidate).toHaveBeenCalledWith(1, ["/tmp/events.jsonl"], null, "px_1");
    expect(await screen.findByTestId("capi-progress")).toBeTruthy();
    act(() => progressHandler?.({ client_id: 1, file: "events.jsonl", bytes_read: 150, total_bytes: 300, events: 1 }));
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("150");
    expect((screen.getByTestId("capi-progress")).textContent).toContain("1 event so far");
    await act(async () => finish(validation()));

    const batches = screen.getAllByTestId("capi-batch");
    expect((batches[0]).textContent).toContain("Rejected");
    expect((batches[0]).textContent).toContain(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
    expect((batches[1]).textContent).toContain("Accepted");
    expect(screen.getAllByTestId("capi-finding")).toHaveLength(2);
    expect((screen.getAllByTestId("capi-finding-line")[1]).textContent).toContain("line 3");
    expect((screen.getByTestId("capi-counts")).textContent).toContain("capi-fail");

    fireEvent.change(screen.getByTestId("capi-filter"), { target: { value: "fail" } });
    const rows = screen.getAllByTestId("capi-finding");
    expect(rows).toHaveLength(1);
    expect((rows[0]).textContent).toContain("Timestamp in seconds");
    expect((rows[0]).textContent).toContain("Fix Timestamp in seconds");
  });

  it("cancels a running check", async () => {
    m.capiValidate.mockReturnValue(new Promise(() => {}));
    show();
    fireEvent.change(await screen.findByTestId("capi-paths"), { target: { value: "/tmp/a.jsonl" } });
    fireEvent.click(screen.getByTestId("capi-validate"));
    fireEvent.click(await screen.findByTestId("capi-cancel"));
    await waitFor(() => expect(m.capiCancel).toHaveBeenCalledWith(1));
    expect((screen.getByTestId("capi-cancel")).textContent).toContain("Cancelling…");
  });

  it("pairs with a chosen audit and shows what is counted twice", async () => {
    m.capiPair.mockResolvedValue({
      audit_id: 9,
      against: "Audit 9: 1 journey, 2 pixel events",
      pairing: {
        pixel_events: 2,
        server_events: 2,
        deduplicated: [],
        deduplicated_total: 1,
        pixel_only: [],
        pixel_only_total: 0,
        pixel_without_id: 0,
        server_only: [],
        server_only_total: 0,
        near_misses: [
          {
            kind: "different_ids",
            pixel: { pixel_ids: ["px"], event_type: "order_created", event_id: "order-12", seen_in: "journey 1, call 3" },
            server: { event_type: "order_created", id: "12", seen_in: "events.jsonl line 1" },
            explanation: "The pixel sends order-12 and the server 12.",
          },
        ],
        near_misses_total: 1,
        expected_double_count: 1,
        summary: "1 conversion would be counted twice.",
      },
    });
    show();
    fireEvent.click(await screen.findByTestId("capi-tab-pair"));
    expect((screen.getByTestId("capi-pair")).textContent).toContain("Check a Conversions API file first");
    fireEvent.click(screen.getByTestId("capi-pair-run"));
    await waitFor(() => expect(m.capiPair).toHaveBeenCalledWith(1, 9, null));
    const result = await screen.findByTestId("capi-pair-result");
    expect((within(result).getByTestId("capi-double")).textContent).toContain("1");
    expect((result).textContent).toContain("The pixel sends order-12 and the server 12.");
  });

  it("shows a pairing error in words", async () => {
    m.capiPair.mockRejectedValue({ code: "capi_not_validated", message: "Check a Conversions API file first: pairing uses …" });
    show();
    fireEvent.click(await screen.findByTestId("capi-tab-pair"));
    fireEvent.click(screen.getByTestId("capi-pair-run"));
    expect((await screen.findByTestId("capi-pair-error")).textContent).toContain("Check a Conversions API file first");
  });

  it("keeps the key in the keychain without showing it back, and sends only on a click", async () => {
    m.capiSaveKey.mockResolvedValue("the system keychain");
    m.capiLiveCheck.mockResolvedValue({ url: "https://bzr.openai.com/v1/events?pid=px", status: 400, body: `{"error":"${HOSTILE}"}`, events_sent: 1, accepted: false });
    const view = show();
    fireEvent.click(await screen.findByTestId("capi-tab-live"));
    const key = screen.getByTestId("capi-key");
    expect(key.getAttribute("type")).toBe("password");
    expect((screen.getByTestId("capi-live")).textContent).toContain("system keychain");
    fireEvent.change(key, { target: { value: "sk-secret-123" } });
    fireEvent.click(screen.getByTestId("capi-key-save"));
    await waitFor(() => expect(m.capiSaveKey).toHaveBeenCalledWith(1, "sk-secret-123"));
    expect((await screen.findByTestId("capi-live-status")).textContent).toContain("kept in the system keychain");
    expect((screen.getByTestId("capi-key") as HTMLInputElement).value).toBe("");
    expect(view.container.innerHTML).not.toContain("sk-secret-123");

    m.capiOverview.mockResolvedValue({ has_key: true, endpoint: "https://bzr.openai.com" });
    cleanup();
    show();
    fireEvent.click(await screen.findByTestId("capi-tab-live"));
    await waitFor(() => expect((screen.getByTestId("capi-key-state")).textContent).toContain("Kept"));
    expect(m.capiLiveCheck).not.toHaveBeenCalled();
    expect((screen.getByTestId("capi-live-note")).textContent).toContain("records nothing");
    fireEvent.change(screen.getByTestId("capi-live-file"), { target: { value: "/tmp/req.json" } });
    fireEvent.change(screen.getByTestId("capi-live-pixel"), { target: { value: "px" } });
    fireEvent.click(screen.getByTestId("capi-live-send"));
    await waitFor(() => expect(m.capiLiveCheck).toHaveBeenCalledWith(1, "px", "/tmp/req.json"));
    const answer = await screen.findByTestId("capi-live-answer");
    expect((answer).textContent).toContain("HTTP 400");
    expect(answer.querySelector("pre")?.textContent).toBe(`{"error":"${HOSTILE}"}`);
    expect(document.querySelector("img")).toBeNull();
  });

  it("shows the hashing steps and a sample per event with copy buttons", async () => {
    m.capiSamples.mockResolvedValue({
      hashing: { input: " Test@Example.com ", normalised: "test@example.com", sha256: "973dfe46" },
      requests: [
        { event_type: "lead_created", label: "Lead created", body: '{"events":[]}', curl: "curl …" },
        { event_type: "order_created", label: "Order created", body: '{"events":[1]}', curl: "curl …" },
      ],
      snippets: [{ language: "Node.js", code: "const oppref = …" }],
    });
    show();
    fireEvent.click(await screen.findByTestId("capi-tab-samples"));
    fireEvent.change(screen.getByTestId("capi-samples-pixel"), { target: { value: "px" } });
    fireEvent.click(screen.getByTestId("capi-samples-build"));
    await waitFor(() => expect(m.capiSamples).toHaveBeenCalledWith(1, "px", "test@example.com"));
    expect((await screen.findByTestId("capi-hashing")).textContent).toContain("test@example.com");
    expect(screen.getAllByTestId("capi-sample")).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Copy the lead_created request body" })).toBeTruthy();
    expect(screen.getByText("const oppref = …")).toBeTruthy();
  });
});
