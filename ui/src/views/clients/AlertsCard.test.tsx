import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { AlertChannel } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { forgetAllKept } from "../../keep";
import { AlertsCard } from "./AlertsCard";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return {
    ...actual,
    api: {
      alertChannels: vi.fn(),
      alertDeliveries: vi.fn(),
      addWebhookChannel: vi.fn(),
      addEmailChannel: vi.fn(),
      removeAlertChannel: vi.fn(),
      sendTestAlert: vi.fn(),
    },
  };
});
const m = vi.mocked(api);

const SLACK: AlertChannel = { id: 3, config: { kind: "webhook", format: "slack", host: "hooks.slack.com" }, label: "Slack webhook at hooks.slack.com" };
const EMAIL: AlertChannel = { id: 4, config: { kind: "email", to: ["ops@agency.example"] }, label: "E-mail to ops@agency.example" };

function show() {
  render(
    <ToastProvider>
      <AlertsCard clientId={7} clientName="Acme" />
    </ToastProvider>,
  );
}

beforeEach(() => {
  vi.resetAllMocks();
  forgetAllKept();
  m.alertDeliveries.mockResolvedValue([]);
});
afterEach(cleanup);

describe("the alerts card", () => {
  it("says where alerts go when there is no channel", async () => {
    m.alertChannels.mockResolvedValue([]);
    show();
    expect((await screen.findByTestId("alerts-empty")).textContent).toBe(
      "No alert channels. A desktop notification is shown while Preflight is open; add a webhook or e-mail to reach your team.",
    );
  });

  it("sends a test alert and says how it went on each channel", async () => {
    m.alertChannels.mockResolvedValue([SLACK, EMAIL]);
    m.sendTestAlert.mockResolvedValue([
      { channel: SLACK, report: { delivered: true, attempts: 1, last_status: 200, error: null } },
      { channel: EMAIL, report: { delivered: false, attempts: 1, last_status: 535, error: "The SMTP server refused the login." } },
    ]);
    show();
    expect((await screen.findAllByTestId("alert-channel")).map((li) => li.textContent)).toEqual([
      "Slack webhook at hooks.slack.comRemove",
      "E-mail to ops@agency.exampleRemove",
    ]);
    fireEvent.click(screen.getByTestId("send-test-alert"));
    await waitFor(() => expect(screen.getAllByTestId("test-alert-result")).toHaveLength(2));
    expect(m.sendTestAlert).toHaveBeenCalledWith(7);
    expect(screen.getAllByTestId("test-alert-result").map((li) => li.textContent)).toEqual([
      "Sent to Slack webhook at hooks.slack.com",
      "Not sent to E-mail to ops@agency.example: The SMTP server refused the login.",
    ]);
    expect(screen.getByTestId("test-alert-results").getAttribute("aria-live")).toBe("polite");
  });

  it("adds a webhook of the chosen kind and forgets its address from the form", async () => {
    m.alertChannels.mockResolvedValueOnce([]).mockResolvedValue([SLACK]);
    m.addWebhookChannel.mockResolvedValue({ ...SLACK, config: { kind: "webhook", format: "teams", host: "acme.webhook.office.com" } });
    show();
    const address = (await screen.findByTestId("webhook-address")) as HTMLInputElement;
    expect(address.type).toBe("password");
    expect(address.autocomplete).toBe("off");
    fireEvent.change(screen.getByTestId("webhook-format"), { target: { value: "teams" } });
    fireEvent.change(address, { target: { value: "https://acme.webhook.office.com/hook/secret" } });
    fireEvent.click(screen.getByTestId("add-webhook"));
    await waitFor(() => expect(m.addWebhookChannel).toHaveBeenCalledWith(7, "teams", "https://acme.webhook.office.com/hook/secret"));
    await waitFor(() => expect(address.value).toBe(""));
    expect(await screen.findByTestId("alert-channel")).toBeTruthy();
  });

  it("adds e-mail recipients and shows a refusal in words", async () => {
    m.alertChannels.mockResolvedValue([]);
    m.addEmailChannel.mockRejectedValue({ code: "monitor", message: "\"ops\" is not an e-mail address: write it as name@example.com." });
    show();
    fireEvent.change(await screen.findByTestId("email-recipients"), { target: { value: "ops" } });
    fireEvent.click(screen.getByTestId("add-email"));
    expect((await screen.findByTestId("alerts-error")).textContent).toContain("is not an e-mail address");
    expect(m.addEmailChannel).toHaveBeenCalledWith(7, "ops");
    expect((screen.getByTestId("email-recipients") as HTMLInputElement).value).toBe("ops");
  });

  it("asks before removing a channel", async () => {
    m.alertChannels.mockResolvedValueOnce([SLACK]).mockResolvedValue([]);
    m.removeAlertChannel.mockResolvedValue(undefined);
    show();
    fireEvent.click(await screen.findByText("Remove"));
    expect(m.removeAlertChannel).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText("Remove channel", { selector: ".dialog button" }));
    await waitFor(() => expect(m.removeAlertChannel).toHaveBeenCalledWith(3));
    expect(await screen.findByTestId("alerts-empty")).toBeTruthy();
  });

  it("lists the latest alerts, a failed one with why, and reloads after a test alert", async () => {
    m.alertChannels.mockResolvedValue([SLACK]);
    m.alertDeliveries
      .mockResolvedValueOnce([
        {
          at: "2026-12-06T09:00:00Z",
          outcome: "failed",
          channel_label: "Slack webhook at hooks.slack.com",
          audit_id: 9,
          report: { delivered: false, attempts: 4, last_status: 404, error: "The webhook answered 404 Not Found: check the address." },
        },
        {
          at: "2026-12-06T08:00:00Z",
          outcome: "quiet",
          channel_label: "Desktop notification",
          audit_id: 8,
          report: { delivered: false, attempts: 0, last_status: null, error: "Held back: the client was alerted less than 60 minutes ago (the quiet period)." },
        },
      ])
      .mockResolvedValue([]);
    m.sendTestAlert.mockResolvedValue([]);
    show();
    const lines = (await screen.findAllByTestId("recent-alert")).map((li) => li.textContent ?? "");
    expect(lines[0]).toContain("Slack webhook at hooks.slack.com · Not sent: The webhook answered 404 Not Found");
    expect(lines[1]).toContain("Desktop notification · Held back");
    fireEvent.click(screen.getByTestId("send-test-alert"));
    await waitFor(() => expect(m.alertDeliveries).toHaveBeenCalledTimes(2));
  });
});
