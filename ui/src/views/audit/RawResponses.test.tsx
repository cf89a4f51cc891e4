import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FetchArtifact } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { RawResponses } from "./RawResponses";

const HOSTILE = "<img src=x onerror=alert(1)>";

const adsbot: FetchArtifact = {
  agent: "adsbot",
  user_agent: "Mozilla/5.0 (compatible; OAI-AdsBot/1.0)",
  requested_url: "https://shop.example.com/sale?utm_source=chatgpt",
  hops: [
    { url: "https://shop.example.com/sale?utm_source=chatgpt", status: 301, location: "https://www.shop.example.com/sale", elapsed_ms: 40 },
    { url: "https://www.shop.example.com/sale", status: 403, elapsed_ms: 95 },
  ],
  status: 403,
  final_url: "https://www.shop.example.com/sale",
  headers: [
    { name: "server", value: "cloudflare" },
    { name: "cf-ray", value: "8a1b2c3d4e5f-AMS" },
    { name: "x-long", value: "a".repeat(400) },
  ],
  content_type: "text/html",
  body_bytes: 5242880,
  body_truncated: true,
  charset: "utf-8",
  decode_errors: false,
  title: HOSTILE,
  visible_text: "",
  word_count: 3,
  body_head: `<html><title>${HOSTILE}</title>Attention Required!`,
  total_ms: 140,
};

const browser: FetchArtifact = {
  ...adsbot,
  agent: "browser",
  user_agent: "Mozilla/5.0 Chrome/131",
  hops: [],
  status: undefined,
  final_url: undefined,
  headers: [],
  body_bytes: 0,
  body_truncated: false,
  charset: undefined,
  title: undefined,
  body_head: "",
  total_ms: 20000,
  error: { kind: "timeout", message: "The server did not answer within 20 seconds." },
};

afterEach(cleanup);

describe("RawResponses", () => {
  it("shows every part of each request as text", () => {
    const { container } = render(
      <ToastProvider>
        <RawResponses fetches={[adsbot, browser]} />
      </ToastProvider>,
    );
    const text = screen.getByTestId("raw-adsbot").querySelector("pre")!.textContent!;
    expect(text).toContain("GET https://shop.example.com/sale?utm_source=chatgpt");
    expect(text).toContain("User-Agent: Mozilla/5.0 (compatible; OAI-AdsBot/1.0)");
    expect(text).toContain("1. HTTP 301 https://shop.example.com/sale?utm_source=chatgpt → Location: https://www.shop.example.com/sale (40 ms)");
    expect(text).toContain("2. HTTP 403 https://www.shop.example.com/sale (95 ms)");
    expect(text).toContain("Final: HTTP 403 https://www.shop.example.com/sale");
    expect(text).toContain("server: cloudflare\ncf-ray: 8a1b2c3d4e5f-AMS\nx-long: " + "a".repeat(400));
    expect(text).toContain("Time: 140 ms in total");
    expect(text).toContain("Body: 5,242,880 bytes, cut at the size limit, type text/html, charset utf-8");
    expect(text).toContain(`<html><title>${HOSTILE}</title>Attention Required!`);
    // Quoted markup stays text.
    expect(container.querySelector("img")).toBeNull();

    const failed = screen.getByTestId("raw-browser").textContent!;
    expect(failed).toContain("Final: no response");
    expect(failed).toContain("Error (timeout): The server did not answer within 20 seconds.");
    expect(failed).toContain("Time: 20000 ms in total");
    expect(failed).toContain("(empty)");
  });

  it("copies the whole raw text", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(
      <ToastProvider>
        <RawResponses fetches={[adsbot, browser]} />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByTestId("copy-raw-adsbot"));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(writeText).toHaveBeenCalledWith(screen.getByTestId("raw-adsbot").querySelector("pre")!.textContent);
    expect(await screen.findByText("Copied what OAI-AdsBot got.")).toBeTruthy();
  });
});
