import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import { ToastProvider } from "../../components/Toast";
import { AdAccountCard } from "./AdAccountCard";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return {
    ...actual,
    api: { adsConnection: vi.fn(), connectAds: vi.fn(), importAds: vi.fn(), disconnectAds: vi.fn(), listAds: vi.fn() },
  };
});
const m = vi.mocked(api);

const NOT_CONNECTED = { connected: false, ad_count: 0 };
const CONNECTED = { connected: true, kept_in: "the system keychain", ad_count: 0 };

function show(onImported = vi.fn()) {
  render(
    <ToastProvider>
      <AdAccountCard clientId={7} clientName="Acme" onImported={onImported} />
    </ToastProvider>,
  );
  return onImported;
}

beforeEach(() => vi.resetAllMocks());
afterEach(cleanup);

describe("the ad account card", () => {
  it("checks the key with OpenAI, forgets it from the form, then imports", async () => {
    m.adsConnection.mockResolvedValueOnce(NOT_CONNECTED).mockResolvedValueOnce(CONNECTED).mockResolvedValue({
      ...CONNECTED,
      ad_count: 3,
      imported_at: "2026-12-05T10:00:00Z",
    });
    m.connectAds.mockResolvedValue({ id: "adacct_1", name: "Acme Outdoor" });
    m.importAds.mockResolvedValue({ added: 3, updated: 0, unchanged: 0, gone: 0, pages_added: 2 });
    const onImported = show();
    const field = await screen.findByTestId("ads-key");
    expect(screen.getByTestId<HTMLButtonElement>("ads-connect").disabled).toBe(true);
    fireEvent.change(field, { target: { value: "sk-ads-123" } });
    fireEvent.click(screen.getByTestId("ads-connect"));
    await waitFor(() => expect(m.connectAds).toHaveBeenCalledWith(7, "sk-ads-123"));
    fireEvent.click(await screen.findByTestId("ads-import"));
    await waitFor(() => expect(onImported).toHaveBeenCalled());
    expect(await screen.findByText(/3 new ads, 0 updated, 0 unchanged; 2 landing pages added/)).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("ads-state").textContent).toMatch(/^3 ads imported/));
  });

  it("shows OpenAI's refusal with its hint and keeps the form", async () => {
    m.adsConnection.mockResolvedValue(NOT_CONNECTED);
    m.connectAds.mockRejectedValue({ code: "ads_unauthorized", message: "OpenAI did not accept the Ads API key (HTTP 401).", hint: "Nothing saved was changed." });
    show();
    fireEvent.change(await screen.findByTestId("ads-key"), { target: { value: "sk-wrong" } });
    fireEvent.click(screen.getByTestId("ads-connect"));
    expect((await screen.findByTestId("ads-error")).textContent).toContain("did not accept");
    expect(screen.getByTestId("ads-key")).toBeTruthy();
  });

  it("asks before removing the key", async () => {
    m.adsConnection.mockResolvedValue(CONNECTED);
    m.disconnectAds.mockResolvedValue(true);
    show();
    fireEvent.click(await screen.findByTestId("ads-disconnect"));
    expect(m.disconnectAds).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText("Remove key", { selector: ".dialog button" }));
    await waitFor(() => expect(m.disconnectAds).toHaveBeenCalledWith(7));
  });
});
