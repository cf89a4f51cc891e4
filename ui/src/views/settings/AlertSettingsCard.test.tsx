import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { AlertSettings } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { forgetAllKept } from "../../keep";
import { AlertSettingsCard } from "./AlertSettingsCard";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return {
    ...actual,
    api: {
      alertSettings: vi.fn(),
      saveAlertPreferences: vi.fn(),
      saveSmtpSettings: vi.fn(),
      osSchedulerStatus: vi.fn(),
      installOsScheduler: vi.fn(),
      uninstallOsScheduler: vi.fn(),
    },
  };
});
const m = vi.mocked(api);

const NOTHING_SET: AlertSettings = { smtp: { settings: null, password_kept_in: null }, quiet_minutes: 60, desktop_notifications: true };
const SMTP = { host: "smtp.agency.example", port: 465, security: "tls" as const, username: "alerts", from: "alerts@agency.example" };

function show() {
  render(
    <ToastProvider>
      <AlertSettingsCard />
    </ToastProvider>,
  );
}

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;

beforeEach(() => {
  vi.resetAllMocks();
  forgetAllKept();
  m.osSchedulerStatus.mockResolvedValue({ state: "not_installed" });
});
afterEach(cleanup);

describe("alert settings", () => {
  it("saves the quiet period and desktop notifications, refusing minutes out of range", async () => {
    m.alertSettings.mockResolvedValue(NOTHING_SET);
    m.saveAlertPreferences.mockResolvedValue(undefined);
    show();
    const quiet = (await screen.findByTestId("alert-quiet-minutes")) as HTMLInputElement;
    expect(quiet.value).toBe("60");
    expect(screen.getByText(/a client is not alerted again for this long; changes are still listed/)).toBeTruthy();
    fireEvent.change(quiet, { target: { value: "20000" } });
    expect((screen.getByTestId("save-alert-preferences") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/from 0 to 10080/)).toBeTruthy();
    fireEvent.change(quiet, { target: { value: "1440" } });
    fireEvent.click(input("alert-desktop-notifications"));
    fireEvent.click(screen.getByTestId("save-alert-preferences"));
    await waitFor(() => expect(m.saveAlertPreferences).toHaveBeenCalledWith(1440, false));
  });

  it("saves a new SMTP server on port 587 with STARTTLS and the password typed", async () => {
    m.alertSettings.mockResolvedValue(NOTHING_SET);
    m.saveSmtpSettings.mockResolvedValue({ settings: { ...SMTP, port: 587, security: "start_tls", username: null }, password_kept_in: "system_keychain" });
    show();
    expect((await screen.findByTestId("smtp-port") as HTMLInputElement).value).toBe("587");
    expect((screen.getByTestId("smtp-security") as HTMLSelectElement).value).toBe("start_tls");
    fireEvent.change(input("smtp-host"), { target: { value: " smtp.agency.example " } });
    fireEvent.change(input("smtp-from"), { target: { value: "alerts@agency.example" } });
    fireEvent.change(input("smtp-password"), { target: { value: "s3cret" } });
    fireEvent.click(screen.getByTestId("save-smtp"));
    await waitFor(() =>
      expect(m.saveSmtpSettings).toHaveBeenCalledWith(
        { host: "smtp.agency.example", port: 587, security: "start_tls", username: null, from: "alerts@agency.example" },
        "s3cret",
      ),
    );
    expect((await screen.findByTestId("smtp-password-kept")).textContent).toContain("Password kept in the system keychain");
    expect(input("smtp-password").value).toBe("");
  });

  it("keeps the kept password when the field is left empty, and never shows it", async () => {
    m.alertSettings.mockResolvedValue({ ...NOTHING_SET, smtp: { settings: SMTP, password_kept_in: "system_keychain" } });
    m.saveSmtpSettings.mockResolvedValue({ settings: SMTP, password_kept_in: "system_keychain" });
    show();
    expect((await screen.findByTestId("smtp-host") as HTMLInputElement).value).toBe("smtp.agency.example");
    expect(input("smtp-password").value).toBe("");
    expect(input("smtp-password").placeholder).toContain("leave empty to keep it");
    fireEvent.change(input("smtp-username"), { target: { value: "" } });
    fireEvent.click(screen.getByTestId("save-smtp"));
    await waitFor(() => expect(m.saveSmtpSettings).toHaveBeenCalledWith({ ...SMTP, username: null }, null));
  });

  it("warns that no encryption is for a local relay only", async () => {
    m.alertSettings.mockResolvedValue(NOTHING_SET);
    show();
    fireEvent.change(await screen.findByTestId("smtp-security"), { target: { value: "none" } });
    expect(screen.getByTestId("smtp-plain-warning").textContent).toContain("mail relay");
    expect(input("smtp-port").value).toBe("25");
  });

  it("installs the background runs entry and says when it was only written", async () => {
    m.alertSettings.mockResolvedValue(NOTHING_SET);
    m.installOsScheduler.mockResolvedValue({ state: "files_only", detail: "Run: systemctl --user enable --now preflight-monitor.timer" });
    m.uninstallOsScheduler.mockResolvedValue({ state: "not_installed" });
    show();
    expect((await screen.findByTestId("scheduler-state")).textContent).toBe("Not installed");
    fireEvent.click(screen.getByTestId("scheduler-install"));
    await waitFor(() => expect(screen.getByTestId("scheduler-state").textContent).toBe("Written but not registered"));
    expect(screen.getByTestId("scheduler-detail").textContent).toContain("systemctl --user enable");
    fireEvent.click(screen.getByTestId("scheduler-remove"));
    await waitFor(() => expect(screen.getByTestId("scheduler-state").textContent).toBe("Not installed"));
    expect(m.uninstallOsScheduler).toHaveBeenCalled();
  });
});
