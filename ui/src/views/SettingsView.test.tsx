import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import { ToastProvider } from "../components/Toast";
import { SettingsView } from "./SettingsView";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return {
    ...actual,
    api: {
      exportSettings: vi.fn(),
      saveExportSettings: vi.fn(),
      chooseFolder: vi.fn(),
      chooseFile: vi.fn(),
      browserSandboxSetting: vi.fn(),
      setBrowserSandboxSetting: vi.fn(),
      adsApiAddress: vi.fn(),
      setAdsApiAddress: vi.fn(),
      alertSettings: vi.fn(),
      osSchedulerStatus: vi.fn(),
      workspaceStatus: vi.fn(),
    },
  };
});
const m = vi.mocked(api);

const OPENAI = { saved: "", effective: "https://api.ads.openai.com/v1", default: "https://api.ads.openai.com/v1", from_environment: false };

const current = { export_dir: "/home/me/Documents/Preflight", agency_name: "", agency_logo: "" };

function show() {
  return render(
    <ToastProvider>
      <SettingsView info={{ version: "0.1.0", db_path: "/home/me/.local/preflight.sqlite3", db_error: null, connecting: false }} theme="system" onTheme={() => {}} onDatabaseChanged={() => {}} />
    </ToastProvider>,
  );
}

const value = (id: string) => (screen.getByTestId(id) as HTMLInputElement).value;

beforeEach(() => {
  vi.resetAllMocks();
  m.exportSettings.mockResolvedValue(current);
  m.browserSandboxSetting.mockResolvedValue(false);
  m.adsApiAddress.mockResolvedValue(OPENAI);
  m.alertSettings.mockResolvedValue({ smtp: { settings: null, password_kept_in: null }, quiet_minutes: 60, desktop_notifications: true });
  m.osSchedulerStatus.mockResolvedValue({ state: "not_installed" });
  m.workspaceStatus.mockResolvedValue({
    workspace: false,
    location: "/home/me/.local/share/preflight/preflight.sqlite3",
    author: "me",
    display_name: null,
    overridden: false,
    local_file: "/home/me/.local/share/preflight/preflight.sqlite3",
    local_file_exists: true,
    error: null,
  });
});
afterEach(cleanup);

describe("export settings", () => {
  it("saves the folder, agency name and logo", async () => {
    m.chooseFolder.mockResolvedValue("/mnt/share/Reports");
    m.chooseFile.mockResolvedValue("/home/me/logo.png");
    m.saveExportSettings.mockImplementation(async (s) => s);
    show();
    await waitFor(() => expect(value("export-dir")).toBe(current.export_dir));

    fireEvent.click(screen.getAllByText("Choose…")[0]);
    await waitFor(() => expect(value("export-dir")).toBe("/mnt/share/Reports"));
    fireEvent.change(screen.getByTestId("agency-name"), { target: { value: "Northwind Digital" } });
    fireEvent.click(screen.getAllByText("Choose…")[1]);
    await waitFor(() => expect(value("agency-logo")).toBe("/home/me/logo.png"));
    expect(m.chooseFile).toHaveBeenCalledWith(expect.any(String), ["png", "jpg", "jpeg", "svg"]);

    fireEvent.click(screen.getByTestId("save-export-settings"));
    await waitFor(() =>
      expect(m.saveExportSettings).toHaveBeenCalledWith({
        export_dir: "/mnt/share/Reports",
        agency_name: "Northwind Digital",
        agency_logo: "/home/me/logo.png",
      }),
    );
    expect((await screen.findByTestId("toast")).textContent).toContain("Saved the export settings");
  });

  it("keeps the field when a dialog is cancelled", async () => {
    m.chooseFolder.mockResolvedValue(null);
    show();
    await waitFor(() => expect(value("export-dir")).toBe(current.export_dir));
    fireEvent.click(screen.getAllByText("Choose…")[0]);
    await waitFor(() => expect(m.chooseFolder).toHaveBeenCalled());
    expect(value("export-dir")).toBe(current.export_dir);
  });

  it("shows why a logo is refused", async () => {
    m.saveExportSettings.mockRejectedValue({ code: "invalid_logo", message: "The logo /home/me/notes.txt is not a PNG, JPEG or SVG image." });
    show();
    await waitFor(() => expect(value("export-dir")).toBe(current.export_dir));
    fireEvent.change(screen.getByTestId("agency-logo"), { target: { value: "/home/me/notes.txt" } });
    fireEvent.click(screen.getByTestId("save-export-settings"));
    expect((await screen.findByTestId("logo-error")).textContent).toBe("The logo /home/me/notes.txt is not a PNG, JPEG or SVG image.");
    expect(screen.getByTestId("agency-logo").getAttribute("aria-invalid")).toBe("true");
    // Editing the field clears the message.
    fireEvent.change(screen.getByTestId("agency-logo"), { target: { value: "" } });
    expect(screen.queryByTestId("logo-error")).toBeNull();
  });
});

describe("browser sandbox", () => {
  it("is off by default and warns while the unsandboxed browser is allowed", async () => {
    m.setBrowserSandboxSetting.mockImplementation(async (allow) => allow);
    show();
    const box = (await screen.findByTestId("allow-unsandboxed-browser")) as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(false);
    expect(screen.queryByTestId("unsandboxed-warning")).toBeNull();

    fireEvent.click(box);
    await waitFor(() => expect(m.setBrowserSandboxSetting).toHaveBeenCalledWith(true));
    expect((await screen.findByTestId("unsandboxed-warning")).textContent).toContain("hostile page");
    expect(box.checked).toBe(true);

    fireEvent.click(box);
    await waitFor(() => expect(m.setBrowserSandboxSetting).toHaveBeenLastCalledWith(false));
    await waitFor(() => expect(screen.queryByTestId("unsandboxed-warning")).toBeNull());
  });
});

describe("the Ads API address", () => {
  it("saves a proxy address and shows OpenAI's refusal of a bad one", async () => {
    m.setAdsApiAddress.mockResolvedValueOnce({ ...OPENAI, saved: "https://proxy.example/v1", effective: "https://proxy.example/v1" });
    m.setAdsApiAddress.mockRejectedValueOnce({ code: "ads_bad_base_url", message: 'The Ads API address "ftp://x" is not a usable http or https address.' });
    show();
    const field = (await screen.findByTestId("ads-api-address")) as HTMLInputElement;
    // The field shows before the address is read; the placeholder follows once it is.
    await waitFor(() => expect(field.placeholder).toBe("https://api.ads.openai.com/v1"));
    expect((screen.getByTestId("ads-api-save") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(field, { target: { value: "https://proxy.example/v1" } });
    fireEvent.click(screen.getByTestId("ads-api-save"));
    await waitFor(() => expect(m.setAdsApiAddress).toHaveBeenCalledWith("https://proxy.example/v1"));
    fireEvent.change(field, { target: { value: "ftp://x" } });
    fireEvent.click(screen.getByTestId("ads-api-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("not a usable http or https address");
  });
});
