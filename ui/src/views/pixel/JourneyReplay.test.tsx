import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditReport, JourneyReport, JourneyStep, ReplayUpdate } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { HOSTILE, page, report } from "../history/testData";
import { JourneysCard } from "./JourneysCard";
import { event, journey } from "./testData";

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
  replayListeners: [] as ((u: ReplayUpdate) => void)[],
}));

vi.mock("../../api", () => ({
  api: mocks.api,
  onJourneyUpdate: vi.fn(() => Promise.resolve(() => {})),
  onReplayUpdate: vi.fn((handler: (u: ReplayUpdate) => void) => {
    mocks.replayListeners.push(handler);
    return Promise.resolve(() => {
      mocks.replayListeners = mocks.replayListeners.filter((h) => h !== handler);
    });
  }),
}));

const { api } = mocks;
const progress = (u: ReplayUpdate) => act(() => mocks.replayListeners.forEach((h) => h(u)));

const PRICING = "https://shop.example.com/pricing";
const STEPS: JourneyStep[] = [
  { kind: "visit", url: "https://shop.example.com/" },
  { kind: "click", page_url: "https://shop.example.com/", target: { selector: "nav > a", element: "link", text: "See pricing" } },
  { kind: "arrive", url: PRICING },
  { kind: "click", page_url: PRICING, target: { selector: "#start-trial", element: "button", text: "Start trial" } },
];
const recorded = journey({ id: 3, steps: STEPS });
const old = journey({ id: 2, steps: [] });
const failedReplay: JourneyReport = journey({
  id: 5,
  steps: STEPS,
  events: [event({ name: "page_viewed", how: "rendered" })],
  replay: {
    replay_of: 3,
    complete: false,
    outcomes: [
      { step: 1, status: "done", message: "Step 1: opened https://shop.example.com/" },
      { step: 2, status: "done", message: "Step 2: clicked the link “See pricing” (nav > a)" },
      { step: 3, status: "done", message: `Step 3: went on to ${PRICING}` },
      { step: 4, status: "failed", message: `Step 4: the button “Start trial” (#start-trial) is no longer on ${PRICING}` },
    ],
  },
});
const base = report({ pages: [page({ url: "https://shop.example.com/" })], journeys: [old, recorded] });

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
  mocks.replayListeners = [];
  api.browserStatus.mockResolvedValue({ found: true, path: "/usr/bin/chromium", message: null });
  api.getAudit.mockResolvedValue(base);
  api.cancelReplay.mockResolvedValue(undefined);
});
afterEach(cleanup);

const items = () => screen.getAllByTestId("journey-item");

describe("Replaying a journey", () => {
  it("replays a journey with its progress, then shows the saved replay and the step that no longer works", async () => {
    let finish: (r: JourneyReport) => void = () => {};
    api.replayJourney.mockReturnValue(new Promise<JourneyReport>((resolve) => (finish = resolve)));
    render(<Harness />);
    await waitFor(() => expect(mocks.replayListeners).toHaveLength(1));

    // A journey recorded before steps were kept cannot be replayed, and says why.
    expect(within(items()[0]).queryByTestId("replay-start")).toBeNull();
    expect(within(items()[0]).getByTestId("replay-unavailable").textContent).toContain("record it again");

    fireEvent.click(within(items()[1]).getByRole("button", { name: "Replay journey 3" }));
    expect(api.replayJourney).toHaveBeenCalledWith(3);
    const running = within(items()[1]).getByTestId("replay-progress");
    expect(running.textContent).toContain("Opening a browser without a window");

    progress({ journey_id: 3, progress: { kind: "started", step: 4, total: 4, description: "click the button “Start trial” (#start-trial)" } });
    expect(within(items()[1]).getByTestId("replay-progress").textContent).toContain(
      "Step 4 of 4: click the button “Start trial” (#start-trial)",
    );
    // Progress of another journey's replay is not this one's.
    progress({ journey_id: 9, progress: { kind: "started", step: 1, total: 1, description: "open elsewhere" } });
    expect(within(items()[1]).getByTestId("replay-progress").textContent).toContain("Step 4 of 4");

    api.getAudit.mockResolvedValue(report({ pages: base.pages, journeys: [old, recorded, failedReplay] }));
    await act(async () => finish(failedReplay));

    expect(await screen.findByText("Replay saved as journey 5: the journey no longer works as recorded.")).toBeTruthy();
    expect(api.getAudit).toHaveBeenCalledWith(7);
    await waitFor(() => expect(items()).toHaveLength(3));
    const replay = items()[2];
    expect(within(replay).getByText(/replay of journey 3/)).toBeTruthy();
    const outcome = within(replay).getByTestId("replay-outcome");
    expect(outcome.textContent).toContain("The journey no longer works as recorded");
    expect(outcome.textContent).toContain("3 of 4 steps worked");
    expect(within(outcome).getByTestId("replay-problem").textContent).toBe(
      `Step 4: the button “Start trial” (#start-trial) is no longer on ${PRICING}`,
    );
    const steps = within(outcome).getAllByTestId("replay-step");
    expect(steps).toHaveLength(4);
    expect(steps[3].textContent).toContain("failed:");
    expect(screen.queryByTestId("replay-progress")).toBeNull();
    // The replay can itself be replayed.
    expect(within(replay).getByRole("button", { name: "Replay journey 5" })).toBeTruthy();
  });

  it("stops a replay on request and shows an error as a message", async () => {
    api.replayJourney.mockReturnValue(new Promise<JourneyReport>(() => {}));
    render(<Harness />);
    await waitFor(() => expect(mocks.replayListeners).toHaveLength(1));
    fireEvent.click(within(items()[1]).getByRole("button", { name: "Replay journey 3" }));
    const stop = screen.getByTestId("replay-stop");
    fireEvent.click(stop);
    expect(api.cancelReplay).toHaveBeenCalled();
    expect(screen.getByTestId("replay-stop").textContent).toBe("Stopping…");
    cleanup();

    api.replayJourney.mockRejectedValue({ code: "browser_not_found", message: "No Chrome or Chromium browser was found." });
    render(<Harness />);
    await waitFor(() => expect(mocks.replayListeners).toHaveLength(1));
    fireEvent.click(within(items()[1]).getByRole("button", { name: "Replay journey 3" }));
    expect(await screen.findByText("No Chrome or Chromium browser was found.")).toBeTruthy();
    expect(screen.queryByTestId("replay-progress")).toBeNull();
  });

  it("shows what a hostile page recorded as text", async () => {
    const hostile = journey({
      id: 8,
      steps: STEPS,
      replay: { replay_of: 3, complete: false, outcomes: [{ step: 1, status: "failed", message: `Step 1: ${HOSTILE}` }] },
    });
    render(<Harness initial={report({ pages: base.pages, journeys: [hostile] })} />);
    const problem = await screen.findByTestId("replay-problem");
    expect(problem.textContent).toBe(`Step 1: ${HOSTILE}`);
    expect(problem.querySelector("img,script")).toBeNull();
  });
});
