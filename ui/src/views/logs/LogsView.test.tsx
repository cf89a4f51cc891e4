import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LogImport, LogProgress } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { LogsView } from "../LogsView";
import { client, logImport } from "./fixtures";

const mocks = vi.hoisted(() => ({
  api: {
    listClients: vi.fn(),
    importAccessLog: vi.fn(),
    cancelLogImport: vi.fn(),
    listLogImports: vi.fn(),
    getLogImport: vi.fn(),
    deleteLogImport: vi.fn(),
    restoreLogImport: vi.fn(),
    chooseFile: vi.fn(),
  },
  progress: [] as ((p: LogProgress) => void)[],
}));

vi.mock("../../api", () => ({
  api: mocks.api,
  onLogProgress: vi.fn((handler: (p: LogProgress) => void) => {
    mocks.progress.push(handler);
    return Promise.resolve(() => {
      mocks.progress = mocks.progress.filter((h) => h !== handler);
    });
  }),
}));

const { api } = mocks;

function Harness({ initial = 1 as number | null }) {
  const [clientId, setClientId] = useState<number | null>(initial);
  return (
    <ToastProvider>
      <LogsView clientId={clientId} onSelectClient={setClientId} />
    </ToastProvider>
  );
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function startImport(path: string, ranges?: string) {
  render(<Harness />);
  const input = await screen.findByTestId("log-path");
  fireEvent.change(input, { target: { value: path } });
  if (ranges !== undefined) fireEvent.change(screen.getByTestId("ranges-path"), { target: { value: ranges } });
  fireEvent.click(screen.getByTestId("start-import"));
}

beforeEach(() => {
  mocks.progress = [];
  api.listClients.mockResolvedValue([client(1, "Acme Shoes"), client(2, "Bolt Bikes")]);
  api.listLogImports.mockResolvedValue([]);
  api.cancelLogImport.mockResolvedValue(undefined);
  api.deleteLogImport.mockResolvedValue(undefined);
  api.restoreLogImport.mockResolvedValue(undefined);
  api.chooseFile.mockResolvedValue(null);
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe("LogsView", () => {
  it("explains where to create a client when there is none", async () => {
    api.listClients.mockResolvedValue([]);
    render(<Harness initial={null} />);
    expect(await screen.findByText("No clients yet")).toBeTruthy();
    expect(screen.getByText(/Create a client under Clients/)).toBeTruthy();
    expect(screen.queryByTestId("import-card")).toBeNull();
  });

  it("picks the first client and loads its imports", async () => {
    render(<Harness initial={null} />);
    expect(await screen.findByText("Import an access log for Acme Shoes")).toBeTruthy();
    // The imports are asked for in an effect after the heading shows: wait for the call.
    await waitFor(() => expect(api.listLogImports).toHaveBeenCalledWith(1));
    fireEvent.change(screen.getByTestId("logs-client"), { target: { value: "2" } });
    expect(await screen.findByText("Import an access log for Bolt Bikes")).toBeTruthy();
    await waitFor(() => expect(api.listLogImports).toHaveBeenCalledWith(2));
  });

  it("imports the typed path with the chosen address list", async () => {
    api.importAccessLog.mockResolvedValue(logImport());
    await startImport("  /var/log/nginx/access.log ", "/home/me/adsbot.json");
    expect(api.importAccessLog).toHaveBeenCalledWith(1, "/var/log/nginx/access.log", "/home/me/adsbot.json");
    expect(await screen.findByTestId("log-report")).toBeTruthy();
  });

  it("imports without an address list so the app downloads it", async () => {
    api.importAccessLog.mockResolvedValue(logImport());
    await startImport("C:\\logs\\access.log");
    expect(api.importAccessLog).toHaveBeenCalledWith(1, "C:\\logs\\access.log", null);
  });

  it("fills the path from the file dialog", async () => {
    api.chooseFile.mockResolvedValue("/tmp/access.log.gz");
    render(<Harness />);
    await screen.findByTestId("log-path");
    fireEvent.click(screen.getAllByRole("button", { name: "Choose…" })[0]);
    await waitFor(() => expect((screen.getByTestId("log-path") as HTMLInputElement).value).toBe("/tmp/access.log.gz"));
    expect(api.chooseFile).toHaveBeenCalledWith(expect.any(String), expect.arrayContaining(["log", "gz", "txt"]));
  });

  it("shows progress from the import events", async () => {
    const pending = deferred<LogImport>();
    api.importAccessLog.mockReturnValue(pending.promise);
    await startImport("/var/log/nginx/access.log");
    expect(screen.getByTestId("import-progress-text").textContent).toContain("Getting OpenAI's address list");
    act(() => mocks.progress.forEach((h) => h({ bytes_read: 50 * 1024 * 1024, total_bytes: 200 * 1024 * 1024 })));
    const bar = within(screen.getByTestId("import-progress")).getByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe(String(50 * 1024 * 1024));
    expect(bar.getAttribute("aria-valuemax")).toBe(String(200 * 1024 * 1024));
    expect(screen.getByTestId("import-progress-text").textContent).toBe("Reading the log: 50.0 MB of 200 MB (25%)");
    // The client cannot be switched under a running import.
    expect((screen.getByTestId("logs-client") as HTMLSelectElement).disabled).toBe(true);
    await act(async () => pending.resolve(logImport()));
    expect(screen.queryByTestId("import-progress")).toBeNull();
  });

  it("cancels calmly", async () => {
    const pending = deferred<LogImport>();
    api.importAccessLog.mockReturnValue(pending.promise);
    await startImport("/var/log/nginx/access.log");
    act(() => mocks.progress.forEach((h) => h({ bytes_read: 1024, total_bytes: 4096 })));
    fireEvent.click(screen.getByTestId("cancel-import"));
    expect(api.cancelLogImport).toHaveBeenCalledTimes(1);
    await act(async () => pending.reject({ code: "cancelled", message: "The import was cancelled." }));
    expect(screen.getByTestId("import-cancelled").textContent).toContain("Import cancelled");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByTestId("log-report")).toBeNull();
  });

  it("sends Cancel again once reading starts if it was pressed during the download", async () => {
    const pending = deferred<LogImport>();
    api.importAccessLog.mockReturnValue(pending.promise);
    await startImport("/var/log/nginx/access.log");
    fireEvent.click(screen.getByTestId("cancel-import"));
    expect(api.cancelLogImport).toHaveBeenCalledTimes(1);
    act(() => mocks.progress.forEach((h) => h({ bytes_read: 1024 * 1024, total_bytes: 9 * 1024 * 1024 })));
    expect(api.cancelLogImport).toHaveBeenCalledTimes(2);
    await act(async () => pending.reject({ code: "cancelled", message: "cancelled" }));
  });

  it("shows the error message, the engine's hint and nothing partial when the import fails", async () => {
    api.importAccessLog.mockRejectedValue({
      code: "log_not_an_access_log",
      message: "access.txt does not look like a web server access log.",
      hint: "Import the standard nginx or Apache access log (combined or common format).",
    });
    await startImport("/home/me/access.txt");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("access.txt does not look like a web server access log.");
    expect(alert.textContent).toContain("nginx or Apache access log");
    expect(screen.queryByTestId("log-report")).toBeNull();
  });

  it("shows per-day and per-page results with where the address list came from", async () => {
    api.importAccessLog.mockResolvedValue(logImport());
    await startImport("/var/log/nginx/access.log.2.gz");
    const report = await screen.findByTestId("log-report");
    expect(within(report).getByTestId("logs-headline").textContent).toContain("OAI-AdsBot is refused on 1 page");

    const origin = within(report).getByTestId("ranges-origin").textContent ?? "";
    expect(origin).toContain("Saved copy");
    expect(origin).toContain("could not be downloaded");
    expect(origin).toContain("no internet connection");
    expect(within(report).getByTestId("log-period").textContent).toContain("3 May 2026, 06:25 (UTC+02:00)");

    const dayRows = within(screen.getByTestId("day-table")).getAllByRole("row");
    expect(dayRows.map((r) => r.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining("3 May 2026"), expect.stringContaining("5 May 2026")]),
    );
    expect(dayRows[2].textContent).toContain("9");

    // Refused pages come first even when less requested.
    const pathRows = within(screen.getByTestId("adsbot-paths")).getAllByRole("row").slice(1);
    expect(pathRows[0].textContent).toContain("/sale");
    expect(pathRows[0].textContent).toContain("refused (forbidden)");
    expect(pathRows[1].textContent).toContain("/pricing");

    expect(screen.getByTestId("addresses-inside").textContent).toBe("14 requests from 1 address");
    expect(screen.getByTestId("addresses-outside").textContent).toBe("3 requests from 1 address");
    expect(within(screen.getByTestId("impostors")).getByText("/wp-login.php")).toBeTruthy();
    expect(within(screen.getByTestId("other-agents")).getByText("GPTBot")).toBeTruthy();
    expect(within(screen.getByTestId("log-findings")).getByText("OAI-AdsBot was refused on 1 page")).toBeTruthy();
    expect(screen.getByTestId("status-explainer").textContent).toContain("ads pointing to it will not serve");
  });

  it("says when addresses were not checked", async () => {
    const data = logImport();
    data.ranges_origin = { kind: "unavailable", reason: "offline and no saved copy" };
    data.report.ranges = null;
    data.report.adsbot.addresses = "not-checked";
    api.importAccessLog.mockResolvedValue(data);
    await startImport("/var/log/nginx/access.log");
    const origin = (await screen.findByTestId("ranges-origin")).textContent ?? "";
    expect(origin).toContain("Addresses were not checked");
    expect(origin).toContain("offline and no saved copy");
    expect(screen.queryByTestId("impostors")).toBeNull();
  });

  it("opens the newest import, opens others, and deletes with undo", async () => {
    api.listLogImports.mockResolvedValue([
      { id: 9, client_id: 1, file_name: "access.log", imported_at: "2026-05-12T09:00:00Z", created_by: "Dana" },
      { id: 7, client_id: 1, file_name: "access.log.2.gz", imported_at: "2026-05-10T09:00:00Z" },
    ]);
    api.getLogImport.mockImplementation(async (id: number) => {
      const data = logImport(id);
      data.summary.file_name = id === 9 ? "access.log" : "access.log.2.gz";
      return data;
    });
    render(<Harness />);
    await waitFor(() => expect(api.getLogImport).toHaveBeenCalledWith(9));
    const items = await screen.findAllByTestId("history-item");
    expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining("access.log"), expect.stringContaining("access.log.2.gz")]);
    expect(within(items[0]).getByTestId("import-by").textContent).toBe(" · by Dana");
    expect(within(items[1]).queryByTestId("import-by")).toBeNull();

    fireEvent.click(items[1]);
    await waitFor(() => expect(api.getLogImport).toHaveBeenCalledWith(7));
    expect(await screen.findByRole("heading", { name: "access.log.2.gz" })).toBeTruthy();

    fireEvent.click(screen.getAllByTestId("history-delete")[1]);
    await waitFor(() => expect(api.deleteLogImport).toHaveBeenCalledWith(7));
    await waitFor(() => expect(screen.queryByTestId("log-report")).toBeNull());
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("Deleted the import of access.log.2.gz");
    fireEvent.click(within(toast).getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(api.restoreLogImport).toHaveBeenCalledWith(7));
    await waitFor(() => expect(api.listLogImports.mock.calls.length).toBeGreaterThanOrEqual(3));
  });

  it("deletes the focused import with the Delete key", async () => {
    api.listLogImports.mockResolvedValue([{ id: 9, client_id: 1, file_name: "access.log", imported_at: "2026-05-12T09:00:00Z" }]);
    api.getLogImport.mockResolvedValue(logImport(9));
    render(<Harness />);
    const item = await screen.findByTestId("history-item");
    fireEvent.keyDown(item, { key: "Delete" });
    await waitFor(() => expect(api.deleteLogImport).toHaveBeenCalledWith(9));
  });

  it("offers to stop an import that is already running elsewhere", async () => {
    api.importAccessLog.mockRejectedValue({ code: "import_running", message: "An access log is already being imported." });
    await startImport("/var/log/nginx/access.log");
    const alert = await screen.findByRole("alert");
    fireEvent.click(within(alert).getByRole("button", { name: "Stop the other import" }));
    expect(api.cancelLogImport).toHaveBeenCalled();
  });

  it("shows the progress of an import started before the view opened", async () => {
    render(<Harness />);
    await screen.findByTestId("log-path");
    act(() => mocks.progress.forEach((h) => h({ bytes_read: 10, total_bytes: 100 })));
    const other = screen.getByTestId("other-import");
    expect(within(other).getByRole("progressbar").getAttribute("aria-valuenow")).toBe("10");
    act(() => mocks.progress.forEach((h) => h({ bytes_read: 100, total_bytes: 100 })));
    expect(screen.queryByTestId("other-import")).toBeNull();
  });

  it("draws one bar per day inside the chart, gaps included", async () => {
    api.importAccessLog.mockResolvedValue(logImport());
    await startImport("/var/log/nginx/access.log");
    const chart = await screen.findByTestId("day-chart");
    const titles = Array.from(chart.querySelectorAll("svg g > title")).map((t) => t.textContent);
    expect(titles).toEqual([
      expect.stringContaining("3 May 2026: 5 requests"),
      expect.stringContaining("4 May 2026: 0 requests"),
      expect.stringContaining("5 May 2026: 9 requests (2xx page served: 5, 4xx refused or not found: 4)"),
    ]);
  });

  it("shows text from the log literally", async () => {
    const data = logImport();
    const hostile = "/<script>alert(1)</script>";
    data.report.adsbot.paths[0].path = hostile;
    data.report.unparsed_examples[0].excerpt = '<img src=x onerror="alert(2)">';
    data.report.adsbot.blocked_examples[0].text = `GET ${hostile} 403`;
    api.importAccessLog.mockResolvedValue(data);
    await startImport("/var/log/nginx/access.log");
    const report = await screen.findByTestId("log-report");
    expect(within(report).getByText(hostile)).toBeTruthy();
    expect(within(report).getByText('<img src=x onerror="alert(2)">')).toBeTruthy();
    expect(report.querySelector("script")).toBeNull();
    expect(report.querySelector("img")).toBeNull();
  });
});
