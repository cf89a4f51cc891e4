import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditReport, JourneyCheck, JourneyEvent, JourneyUpdate } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { finding, HOSTILE, page, report } from "../history/testData";
import { JourneysCard } from "./JourneysCard";
import { check, event, journey } from "./testData";

const mocks = vi.hoisted(() => ({
  api: {
    browserStatus: vi.fn(),
    startJourney: vi.fn(),
    finishJourney: vi.fn(),
    discardJourney: vi.fn(),
    deleteJourney: vi.fn(),
    restoreJourney: vi.fn(),
    getAudit: vi.fn(),
    replayJourney: vi.fn(),
    cancelReplay: vi.fn(),
  },
  listeners: [] as ((u: JourneyUpdate) => void)[],
}));

vi.mock("../../api", () => ({
  api: mocks.api,
  onReplayUpdate: vi.fn(() => Promise.resolve(() => {})),
  onJourneyUpdate: vi.fn((handler: (u: JourneyUpdate) => void) => {
    mocks.listeners.push(handler);
    return Promise.resolve(() => {
      mocks.listeners = mocks.listeners.filter((h) => h !== handler);
    });
  }),
}));

const { api } = mocks;
const send = (u: JourneyUpdate) => act(() => mocks.listeners.forEach((h) => h(u)));
const happen = (e: JourneyEvent, c: JourneyCheck, runId = 7) => send({ kind: "event", run_id: runId, event: e, check: c });

const SALE = "https://shop.example.com/sale";
const CART = "https://shop.example.com/cart";
const base = report({ pages: [page({ url: SALE }), page({ url: CART })] });

function Harness({ initial = base }: { initial?: AuditReport }) {
  const [r, setR] = useState(initial);
  return (
    <ToastProvider>
      <JourneysCard auditId={7} report={r} onReport={setR} />
    </ToastProvider>
  );
}

beforeEach(() => {
  vi.clearAllMocks();
  mocks.listeners = [];
  api.browserStatus.mockResolvedValue({ found: true, path: "/usr/bin/chromium", message: null });
  api.startJourney.mockResolvedValue(undefined);
  api.finishJourney.mockResolvedValue(undefined);
  api.discardJourney.mockResolvedValue(undefined);
  api.deleteJourney.mockResolvedValue(undefined);
  api.restoreJourney.mockResolvedValue(undefined);
  api.getAudit.mockResolvedValue(base);
});
afterEach(cleanup);

async function startOn(url?: string) {
  render(<Harness />);
  await waitFor(() => expect(mocks.listeners).toHaveLength(1));
  if (url !== undefined) fireEvent.change(screen.getByTestId("journey-url"), { target: { value: url } });
  fireEvent.click(screen.getByTestId("journey-start"));
  return screen.findByTestId("journey-live");
}

describe("JourneysCard", () => {
  it("records a journey: each event is checked as it fires, then it is saved and the audit reloaded", async () => {
    let opened: () => void = () => {};
    api.startJourney.mockReturnValue(new Promise<void>((resolve) => (opened = resolve)));
    render(<Harness />);
    expect(screen.getByText(/Nothing is sent to OpenAI/)).toBeTruthy();
    expect((screen.getByTestId("journey-url") as HTMLInputElement).value).toBe(SALE);
    await waitFor(() => expect(mocks.listeners).toHaveLength(1));

    fireEvent.change(screen.getByTestId("journey-url"), { target: { value: CART } });
    fireEvent.click(screen.getByTestId("journey-start"));
    expect(api.startJourney).toHaveBeenCalledWith(7, CART);
    expect(screen.getByTestId("journey-start").textContent).toBe("Opening the browser…");
    expect((screen.getByTestId("journey-start") as HTMLButtonElement).disabled).toBe(true);
    await act(async () => opened());
    const live = await screen.findByTestId("journey-live");
    expect(live.getAttribute("aria-live")).toBe("polite");

    happen({ kind: "page_visited", url: CART, at_ms: 10 }, check());
    const addToCart = event({ name: "items_added", how: "rendered", location: CART, problems: ["pixel-currency-missing"] });
    happen(
      { kind: "call", call: { command: "measure", args_json: '["items_added",{}]', source: "app.js" }, page_url: CART, at_ms: 20 },
      check({ events: [addToCart], findings: [finding({ id: "pixel-currency-missing", title: "items_added has no currency" })] }),
    );
    const soFar = check({
      events: [addToCart, event({ name: "checkout_started", how: "rendered" })],
      findings: [finding({ id: "pixel-currency-missing", title: "items_added has no currency" })],
    });
    happen({ kind: "call", call: { command: "measure", args_json: '["checkout_started",{}]', source: "app.js" }, page_url: CART, at_ms: 30 }, soFar);
    happen({ kind: "pixel_request", request: { url: "https://bzrcdn.openai.com/collect", method: "GET", params: [], at_ms: 31 } }, soFar);

    const steps = within(live).getAllByTestId("journey-step").map((s) => s.textContent);
    expect(steps[0]).toContain(CART);
    expect(steps[1]).toContain("items_added");
    expect(steps[1]).toContain("pixel-currency-missing");
    expect(steps[2]).toContain("checkout_started");
    expect(steps[2]).toContain("OK");
    expect(steps[3]).toContain("Request to OpenAI");
    expect(within(screen.getByTestId("journey-findings")).getByText("items_added has no currency")).toBeTruthy();

    api.getAudit.mockResolvedValue(report({ pages: base.pages, journeys: [journey({ id: 4, start_url: CART })] }));
    fireEvent.click(screen.getByTestId("journey-finish"));
    expect(api.finishJourney).toHaveBeenCalled();
    expect(screen.getByTestId("journey-finish").textContent).toBe("Saving…");
    send({ kind: "saved", run_id: 7, journey: journey({ id: 4, start_url: CART }) });

    expect(await screen.findByText("Journey saved")).toBeTruthy();
    expect(api.getAudit).toHaveBeenCalledWith(7);
    const list = await screen.findByTestId("journey-list");
    expect(within(list).getByText("Journey 4")).toBeTruthy();
    expect(within(list).getByText(CART)).toBeTruthy();
    expect(screen.queryByTestId("journey-live")).toBeNull();
  });

  it("ignores updates about another audit's journey", async () => {
    render(<Harness />);
    await waitFor(() => expect(mocks.listeners).toHaveLength(1));
    happen({ kind: "page_visited", url: CART, at_ms: 1 }, check(), 99);
    send({ kind: "saved", run_id: 99, journey: journey() });
    expect(screen.queryByTestId("journey-live")).toBeNull();
    expect(api.getAudit).not.toHaveBeenCalled();
  });

  it("shows a readable error when the browser cannot open", async () => {
    api.startJourney.mockRejectedValue({ code: "navigation_failed", message: "The page did not load: connection refused." });
    render(<Harness />);
    fireEvent.click(screen.getByTestId("journey-start"));
    expect((await screen.findByTestId("journey-error")).textContent).toContain("The page did not load: connection refused.");
    expect(screen.queryByTestId("journey-live")).toBeNull();
    expect((screen.getByTestId("journey-start") as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(screen.getByTestId("journey-url"));
  });

  it("offers to end a journey that is already open elsewhere", async () => {
    api.startJourney.mockRejectedValue({ code: "journey_running", message: "A journey is already open. Finish or discard it first." });
    render(<Harness />);
    fireEvent.click(screen.getByTestId("journey-start"));
    await screen.findByTestId("journey-error");
    fireEvent.click(screen.getByRole("button", { name: "Finish and save the open journey" }));
    await waitFor(() => expect(api.finishJourney).toHaveBeenCalled());
    await waitFor(() => expect(screen.queryByTestId("journey-error")).toBeNull());
  });

  it("shows the failure when the journey could not be saved", async () => {
    await startOn();
    send({ kind: "failed", run_id: 7, error: { code: "disk_full", message: "The disk is full." } });
    expect((await screen.findByTestId("journey-error")).textContent).toContain("The disk is full.");
    expect(screen.queryByTestId("journey-live")).toBeNull();
  });

  it("discards after asking; Escape keeps the journey", async () => {
    await startOn();
    fireEvent.click(screen.getByTestId("journey-discard"));
    expect(screen.getByRole("dialog")).toBeTruthy();
    fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.discardJourney).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId("journey-discard"));
    fireEvent.click(screen.getByRole("button", { name: "Discard journey" }));
    await waitFor(() => expect(api.discardJourney).toHaveBeenCalled());
    send({ kind: "discarded", run_id: 7 });
    expect(await screen.findByText("Journey discarded")).toBeTruthy();
    expect(screen.queryByTestId("journey-live")).toBeNull();
    expect(api.getAudit).not.toHaveBeenCalled();
  });

  it("shows how to install a browser instead of the form when none is found", async () => {
    api.browserStatus.mockResolvedValue({ found: false, path: null, message: "Install Google Chrome or Chromium, then restart Preflight." });
    render(<Harness />);
    expect((await screen.findByTestId("journey-no-browser")).textContent).toBe("Install Google Chrome or Chromium, then restart Preflight.");
    expect(screen.queryByTestId("journey-start")).toBeNull();
  });

  it("deletes a saved journey with Undo", async () => {
    const withJourney = report({ pages: base.pages, journeys: [journey()] });
    api.getAudit.mockResolvedValue(base);
    render(<Harness initial={withJourney} />);
    const item = within(screen.getByTestId("journey-list")).getByTestId("journey-item");
    expect(item.textContent).toContain(SALE);
    expect(item.textContent).toContain("2 pages visited");
    expect(item.textContent).toContain("1 with problems");
    fireEvent.click(within(item).getByRole("button", { name: "Show details" }));
    expect(within(item).getByText("items_added has no currency", { selector: ".finding-title" })).toBeTruthy();

    fireEvent.click(within(item).getByRole("button", { name: /^Delete journey 3/ }));
    await waitFor(() => expect(api.deleteJourney).toHaveBeenCalledWith(3));
    await waitFor(() => expect(screen.queryByTestId("journey-list")).toBeNull());

    api.getAudit.mockResolvedValue(withJourney);
    fireEvent.click(await screen.findByRole("button", { name: "Undo" }));
    await waitFor(() => expect(api.restoreJourney).toHaveBeenCalledWith(3));
    expect(await screen.findByTestId("journey-list")).toBeTruthy();
  });

  it("renders hostile event names and locations from the browser as text", async () => {
    const live = await startOn();
    happen({ kind: "page_visited", url: HOSTILE, at_ms: 1 }, check());
    happen(
      { kind: "call", call: { command: "measure", args_json: JSON.stringify([HOSTILE]), source: HOSTILE }, page_url: HOSTILE, at_ms: 2 },
      check({ pixel_ids: [HOSTILE], events: [event({ name: HOSTILE, standard: false, location: HOSTILE, problems: [HOSTILE] })] }),
    );
    expect(live.querySelector("img")).toBeNull();
    expect(within(live).getAllByText(HOSTILE).length).toBeGreaterThanOrEqual(3);
  });
});
