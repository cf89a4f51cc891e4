import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { LandingPage, ScheduleStatus } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { forgetAllKept } from "../../keep";
import { MonitoringCard } from "./MonitoringCard";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return {
    ...actual,
    api: { monitorSchedule: vi.fn(), saveMonitorSchedule: vi.fn(), removeMonitorSchedule: vi.fn(), resumeMonitorSchedule: vi.fn() },
  };
});
const m = vi.mocked(api);

const PAGES: LandingPage[] = [
  { id: 1, client_id: 7, url: "https://shop.example.com/sale", created_at: "" },
  { id: 2, client_id: 7, url: "https://shop.example.com/spring", created_at: "" },
];

const OFFSET = -new Date().getTimezoneOffset() || 0;

function schedule(over: Partial<ScheduleStatus> = {}): ScheduleStatus {
  return {
    client_id: 7,
    client_name: "Acme",
    config: {
      cadence: { every: "week", weekday: "tuesday", hour: 7, minute: 30 },
      utc_offset_minutes: OFFSET,
      pages: { choice: "only", urls: ["https://shop.example.com/spring"] },
      funnel: "lead-generation",
      rendered: true,
    },
    label: "Every Tuesday at 07:30",
    paused_reason: null,
    next_run_at: "2099-12-01T07:30:00Z",
    last_run_at: "2026-11-24T07:30:00Z",
    last_run_id: 41,
    last_outcome: "Audited 1 page; 1 change, alert sent.",
    ...over,
  };
}

function show(onOpenAudit = vi.fn()) {
  render(
    <ToastProvider>
      <MonitoringCard clientId={7} clientName="Acme" pages={PAGES} onOpenAudit={onOpenAudit} refreshKey={0} />
    </ToastProvider>,
  );
  return onOpenAudit;
}

const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;

beforeEach(() => {
  vi.resetAllMocks();
  forgetAllKept();
});
afterEach(cleanup);

describe("the monitoring card", () => {
  it("says the client is not monitored and saves a daily schedule at 09:00 by default", async () => {
    m.monitorSchedule.mockResolvedValue(null);
    m.saveMonitorSchedule.mockResolvedValue(schedule({ label: "Every day at 09:00" }));
    show();
    expect((await screen.findByTestId("monitor-empty")).textContent).toBe(
      "Not monitored. Preflight can re-audit this client's pages on a schedule and alert you when a page breaks.",
    );
    expect(field("monitor-time").value).toBe("09:00");
    fireEvent.click(screen.getByTestId("monitor-save"));
    await waitFor(() =>
      expect(m.saveMonitorSchedule).toHaveBeenCalledWith(7, {
        cadence: { every: "day", hour: 9, minute: 0 },
        utc_offset_minutes: OFFSET,
        pages: { choice: "all" },
        funnel: null,
        rendered: false,
      }),
    );
    expect(await screen.findByTestId("monitor-label")).toBeTruthy();
    expect(screen.queryByTestId("monitor-form")).toBeNull();
  });

  it("sends a weekly schedule on some pages with the rendered check", async () => {
    m.monitorSchedule.mockResolvedValue(null);
    m.saveMonitorSchedule.mockResolvedValue(schedule());
    show();
    fireEvent.change(await screen.findByTestId("monitor-every"), { target: { value: "week" } });
    fireEvent.change(screen.getByTestId("monitor-weekday"), { target: { value: "tuesday" } });
    fireEvent.change(field("monitor-time"), { target: { value: "07:30" } });
    fireEvent.click(screen.getByTestId("monitor-pages-only"));
    fireEvent.click(screen.getAllByTestId("monitor-page")[1]);
    fireEvent.click(screen.getByTestId("monitor-rendered"));
    fireEvent.click(screen.getByTestId("monitor-save"));
    await waitFor(() =>
      expect(m.saveMonitorSchedule).toHaveBeenCalledWith(7, {
        cadence: { every: "week", weekday: "tuesday", hour: 7, minute: 30 },
        utc_offset_minutes: OFFSET,
        pages: { choice: "only", urls: ["https://shop.example.com/spring"] },
        funnel: null,
        rendered: true,
      }),
    );
  });

  it("runs every 6 hours by default and refuses an impossible interval before asking", async () => {
    m.monitorSchedule.mockResolvedValue(null);
    m.saveMonitorSchedule.mockResolvedValue(schedule());
    show();
    fireEvent.change(await screen.findByTestId("monitor-every"), { target: { value: "hours" } });
    expect(field("monitor-hours").value).toBe("6");
    fireEvent.change(field("monitor-hours"), { target: { value: "200" } });
    fireEvent.click(screen.getByTestId("monitor-save"));
    expect((await screen.findByTestId("monitor-error")).textContent).toContain("1 to 168");
    expect(m.saveMonitorSchedule).not.toHaveBeenCalled();
    fireEvent.change(field("monitor-hours"), { target: { value: "6" } });
    fireEvent.click(screen.getByTestId("monitor-save"));
    await waitFor(() =>
      expect(m.saveMonitorSchedule).toHaveBeenCalledWith(7, expect.objectContaining({ cadence: { every: "hours", hours: 6 } })),
    );
  });

  it("asks for a page when only some are chosen and none is ticked", async () => {
    m.monitorSchedule.mockResolvedValue(null);
    show();
    fireEvent.click(await screen.findByTestId("monitor-pages-only"));
    fireEvent.click(screen.getByTestId("monitor-save"));
    expect((await screen.findByTestId("monitor-error")).textContent).toContain("Tick at least one page");
    expect(m.saveMonitorSchedule).not.toHaveBeenCalled();
  });

  it("shows a schedule: when it runs next, the last run, and opens that audit", async () => {
    m.monitorSchedule.mockResolvedValue(schedule());
    const onOpenAudit = show();
    expect((await screen.findByTestId("monitor-label")).textContent).toBe("Every Tuesday at 07:30");
    expect(screen.getByTestId("monitor-state").textContent).toBe("On");
    expect(screen.getByTestId("monitor-next").textContent).toMatch(/^Next run /);
    expect(screen.getByTestId("monitor-last").textContent).toContain("1 change, alert sent.");
    expect(screen.getByText(/turn on background runs in Settings → Alerts/)).toBeTruthy();
    fireEvent.click(screen.getByTestId("monitor-open-last"));
    expect(onOpenAudit).toHaveBeenCalledWith(41);
  });

  it("edits a schedule from its saved settings and keeps its funnel", async () => {
    m.monitorSchedule.mockResolvedValue(schedule());
    m.saveMonitorSchedule.mockResolvedValue(schedule());
    show();
    fireEvent.click(await screen.findByTestId("monitor-edit"));
    expect((screen.getByTestId("monitor-every") as HTMLSelectElement).value).toBe("week");
    expect(field("monitor-time").value).toBe("07:30");
    expect(screen.getAllByTestId<HTMLInputElement>("monitor-page").map((b) => b.checked)).toEqual([false, true]);
    fireEvent.change(field("monitor-time"), { target: { value: "08:15" } });
    fireEvent.click(screen.getByTestId("monitor-save"));
    await waitFor(() =>
      expect(m.saveMonitorSchedule).toHaveBeenCalledWith(
        7,
        expect.objectContaining({ cadence: { every: "week", weekday: "tuesday", hour: 8, minute: 15 }, funnel: "lead-generation" }),
      ),
    );
  });

  it("says why a schedule is paused and resumes it", async () => {
    m.monitorSchedule
      .mockResolvedValueOnce(schedule({ paused_reason: "The client has no landing pages.", next_run_at: null }))
      .mockResolvedValue(schedule());
    m.resumeMonitorSchedule.mockResolvedValue(undefined);
    show();
    expect((await screen.findByTestId("monitor-paused")).textContent).toBe("Paused: The client has no landing pages.");
    expect(screen.getByTestId("monitor-state").textContent).toBe("Paused");
    fireEvent.click(screen.getByTestId("monitor-resume"));
    await waitFor(() => expect(m.resumeMonitorSchedule).toHaveBeenCalledWith(7));
    expect(await screen.findByTestId("monitor-next")).toBeTruthy();
  });

  it("asks before removing the schedule", async () => {
    m.monitorSchedule.mockResolvedValueOnce(schedule()).mockResolvedValue(null);
    m.removeMonitorSchedule.mockResolvedValue(undefined);
    show();
    fireEvent.click(await screen.findByTestId("monitor-remove"));
    expect(m.removeMonitorSchedule).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText("Remove schedule", { selector: ".dialog button" }));
    await waitFor(() => expect(m.removeMonitorSchedule).toHaveBeenCalledWith(7));
    expect(await screen.findByTestId("monitor-empty")).toBeTruthy();
  });

  it("shows the engine's refusal with its hint", async () => {
    m.monitorSchedule.mockResolvedValue(null);
    m.saveMonitorSchedule.mockRejectedValue({ code: "monitor", message: "Choose at least one of the client's pages.", hint: "Add pages first." });
    show();
    fireEvent.click(await screen.findByTestId("monitor-save"));
    expect((await screen.findByTestId("monitor-error")).textContent).toBe("Choose at least one of the client's pages. Add pages first.");
  });
});
