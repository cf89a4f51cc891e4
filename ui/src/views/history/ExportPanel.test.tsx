import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import { ToastProvider } from "../../components/Toast";
import { ExportPanel, suggestedFileName } from "./ExportPanel";
import { summary } from "./testData";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return { ...actual, api: { exportAudit: vi.fn(), chooseSavePath: vi.fn() } };
});

const exportAudit = vi.mocked(api.exportAudit);
const chooseSavePath = vi.mocked(api.chooseSavePath);

function show(earlier = [summary({ id: 5, started_at: "2026-11-12T10:00:00Z" })]) {
  return render(
    <ToastProvider>
      <ExportPanel auditId={7} startedAt="2026-11-25T10:00:00Z" clientName="Acme/Outdoor" earlier={earlier} />
    </ToastProvider>,
  );
}

beforeEach(() => {
  exportAudit.mockReset();
  chooseSavePath.mockReset();
});
afterEach(cleanup);

describe("ExportPanel", () => {
  it.each([
    ["pdf", "/home/me/Documents/Preflight/Acme audit 2026-11-25 #7.pdf"],
    ["csv", "/home/me/Documents/Preflight/Acme audit 2026-11-25 #7.csv"],
    ["json", "/home/me/Documents/Preflight/Acme audit 2026-11-25 #7.json"],
  ] as const)("exports %s to the export folder and shows where", async (format, path) => {
    exportAudit.mockResolvedValue(path);
    show();
    fireEvent.click(screen.getByTestId(`export-${format}`));
    await waitFor(() => expect(screen.getByTestId("export-result").textContent).toContain(path));
    expect(exportAudit).toHaveBeenCalledWith(7, format, null, null);
    expect(screen.getByTestId("toast").textContent).toContain(path);
    expect(chooseSavePath).not.toHaveBeenCalled();
  });

  it("shows a busy state while the PDF is written", async () => {
    let finish: (p: string) => void = () => {};
    exportAudit.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    show();
    fireEvent.click(screen.getByTestId("export-pdf"));
    await screen.findByText("Saving PDF…");
    expect((screen.getByTestId("export-csv") as HTMLButtonElement).disabled).toBe(true);
    finish("/tmp/a.pdf");
    await waitFor(() => expect((screen.getByTestId("export-csv") as HTMLButtonElement).disabled).toBe(false));
  });

  it("Save as passes the chosen path", async () => {
    chooseSavePath.mockResolvedValue("/tmp/for-client.csv");
    exportAudit.mockResolvedValue("/tmp/for-client.csv");
    show();
    fireEvent.click(screen.getByTestId("export-csv-as"));
    await waitFor(() => expect(exportAudit).toHaveBeenCalledWith(7, "csv", "/tmp/for-client.csv", null));
    expect(chooseSavePath).toHaveBeenCalledWith(expect.any(String), "Acme-Outdoor audit 2026-11-25 #7.csv");
    await screen.findByTestId("export-result");
  });

  it("Save as does nothing when the dialog is cancelled", async () => {
    chooseSavePath.mockResolvedValue(null);
    show();
    fireEvent.click(screen.getByTestId("export-pdf-as"));
    await waitFor(() => expect(chooseSavePath).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    expect(exportAudit).not.toHaveBeenCalled();
    expect(screen.queryByTestId("toast")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("adds the comparison with an earlier audit to the PDF only", async () => {
    exportAudit.mockResolvedValue("/tmp/a.pdf");
    show();
    fireEvent.change(screen.getByTestId("export-compare"), { target: { value: "5" } });
    fireEvent.click(screen.getByTestId("export-pdf"));
    await waitFor(() => expect(exportAudit).toHaveBeenCalledWith(7, "pdf", null, 5));
    await screen.findByTestId("export-result");
    fireEvent.click(screen.getByTestId("export-json"));
    await waitFor(() => expect(exportAudit).toHaveBeenLastCalledWith(7, "json", null, null));
  });

  it("offers no comparison without earlier audits", () => {
    show([]);
    expect(screen.queryByTestId("export-compare")).toBeNull();
  });

  it("explains a read-only location and a full disk", async () => {
    exportAudit.mockRejectedValueOnce({ code: "read_only", message: "Cannot write to /mnt/x.pdf: the location is read-only or you do not have permission." });
    show();
    fireEvent.click(screen.getByTestId("export-pdf"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("the location is read-only");
    expect(alert.textContent).toContain("Save as");

    exportAudit.mockRejectedValueOnce({ code: "disk_full", message: "Cannot save /tmp/a.csv: the disk is full." });
    fireEvent.click(screen.getByTestId("export-csv"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("the disk is full"));
  });
});

describe("suggestedFileName", () => {
  it("replaces characters desktops refuse", () => {
    expect(suggestedFileName('A/B: "C"', "2026-11-25T10:00:00Z", 3, "pdf")).toBe("A-B- -C- audit 2026-11-25 #3.pdf");
    expect(suggestedFileName(null, "2026-11-25T10:00:00Z", 3, "json")).toBe("Ad-hoc check audit 2026-11-25 #3.json");
  });
});
