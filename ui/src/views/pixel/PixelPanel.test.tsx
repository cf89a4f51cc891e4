import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { RenderedCheck } from "../../bindings";
import { finding, HOSTILE } from "../history/testData";
import { PixelPanel } from "./PixelPanel";
import { event, pixel } from "./testData";

afterEach(cleanup);

const openDetails = () => fireEvent.click(screen.getByRole("button", { name: "Show pixel details" }));

describe("PixelPanel", () => {
  it.each<[RenderedCheck, string[]]>([
    [{ state: "not_requested" }, ["Static scan only", "tag manager"]],
    [{ state: "not_run", reason: "No Chrome or Chromium was found." }, ["did not run", "No Chrome or Chromium was found."]],
    [{ state: "failed", code: "browser_crashed", message: "The browser stopped unexpectedly." }, ["failed", "The browser stopped unexpectedly."]],
    [
      { state: "ran", browser_version: "Chromium 131", calls: 3, pixel_requests: 1, timed_out: true, console_errors: 0, final_url: "https://shop.example.com/sale" },
      ["Chromium 131", "3 pixel calls", "did not finish loading in time"],
    ],
    [
      { state: "ran", browser_version: "Chromium 131", calls: 1, pixel_requests: 0, timed_out: false, console_errors: 0, final_url: "https://shop.example.com/sale" },
      ["Chromium 131", "1 pixel call recorded."],
    ],
  ])("says what the browser check did (%o)", (rendered, phrases) => {
    render(<PixelPanel pixel={pixel({ rendered })} findings={[]} />);
    const sentence = screen.getByTestId("rendered-check").textContent ?? "";
    for (const phrase of phrases) expect(sentence).toContain(phrase);
    if (rendered.state === "ran" && !rendered.timed_out) expect(sentence).not.toContain("in time");
  });

  it("shows whether the pixel is installed, its IDs and how", () => {
    render(<PixelPanel pixel={pixel({ pixel_ids: ["px_1", "px_2"], methods: ["sdk_script", "tag_manager"] })} findings={[]} />);
    const panel = screen.getByTestId("pixel-panel");
    expect(screen.getByTestId("pixel-installed").textContent).toBe("Installed");
    expect(panel.textContent).toContain("Pixel IDs px_1, px_2, installed with the SDK script tag and a tag manager.");
  });

  it("says when no pixel was found", () => {
    render(<PixelPanel pixel={pixel({ installed: false, methods: [], pixel_ids: [], events: [] })} findings={[]} />);
    expect(screen.getByTestId("pixel-installed").textContent).toBe("Not found");
    expect(screen.queryByText(/Pixel ID/)).toBeNull();
  });

  it("lists the events with how and where they were found, and their problems or OK", () => {
    const findings = [finding({ id: "pixel-event-unknown", title: "Purchase is not an OpenAI event" })];
    render(<PixelPanel pixel={pixel()} findings={findings} />);
    expect(screen.queryByTestId("pixel-events")).toBeNull();
    openDetails();
    const rows = within(screen.getByTestId("pixel-events")).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("page_viewed");
    expect(rows[0].textContent).toContain("In the page code");
    expect(rows[0].textContent).toContain("inline script 1:3:5");
    expect(rows[0].textContent).toContain("OK");
    expect(rows[1].textContent).toContain("When the page ran");
    expect(rows[1].textContent).toContain("https://shop.example.com/app.js:10:2");
    expect(rows[1].textContent).toContain("pixel-event-unknown");
    expect(rows[1].textContent).toContain("Purchase is not an OpenAI event");
    expect(rows[1].textContent).not.toContain("OK");
  });

  it("says whether each event is sent, and marks the unsent ones in words, not colour alone", () => {
    render(
      <PixelPanel
        pixel={pixel({
          events: [
            event({ how: "rendered", firing: "observed" }),
            event({
              name: "order_created",
              firing: "not_fired",
              firing_reason: "In the page's code (inside an “if” condition), but not sent when the page ran in a browser.",
              problems: ["pixel-event-not-fired"],
            }),
            event({ name: "lead_created", firing: "never", firing_reason: "it is inside an HTML comment" }),
            event({ name: "items_added", firing: "conditional", firing_reason: "inside a listener for “click”" }),
            event({ name: "contents_viewed" }),
          ],
        })}
        findings={[]}
      />,
    );
    openDetails();
    const rows = within(screen.getByTestId("pixel-events")).getAllByRole("row").slice(1);
    const sent = rows.map((r) => within(r).getByTestId("event-firing"));
    expect(sent[0].textContent).toBe("✓Sent (seen in the browser)");
    expect(sent[1].textContent).toContain("In the code, never fired");
    expect(sent[1].textContent).toContain("inside an “if” condition");
    expect(sent[2].textContent).toBe("✕Never sentIt is inside an HTML comment");
    expect(sent[3].textContent).toBe("?Sent only when something happensInside a listener for “click”");
    expect(sent[4].textContent).toBe("✓Sent on load");
    // Unsent events are muted and struck through as well as worded so; sent ones are not.
    expect(rows.map((r) => r.classList.contains("pixel-unsent"))).toEqual([false, true, true, false, false]);
    expect(rows[1].querySelector("code")?.classList.contains("pixel-unsent-name")).toBe(true);
    expect(rows[0].querySelector("code")?.classList.contains("pixel-unsent-name")).toBe(false);
  });

  it("maps the page's Meta and Google events to OpenAI", () => {
    render(<PixelPanel pixel={pixel()} findings={[]} />);
    openDetails();
    const lines = within(screen.getByTestId("vendor-events"))
      .getAllByRole("listitem")
      .map((li) => li.querySelector(".pixel-vendor-text")?.textContent);
    expect(lines).toEqual([
      "Meta Purchase → order_created: not sent on this page",
      "Google Analytics 4 page_view → page_viewed: sent too",
      "Google Analytics 4 sign_up → no OpenAI standard event",
    ]);
  });

  it("shows the page's funnel coverage, tag managers and limits", () => {
    render(
      <PixelPanel
        pixel={pixel({
          funnel: { funnel: "ecommerce", present: ["page_viewed"], missing: [{ event: "order_created", required: true }], malformed: ["items_added"] },
        })}
        findings={[]}
      />,
    );
    openDetails();
    const coverage = screen.getByTestId("page-coverage");
    const items = within(coverage).getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual(["page_viewed ✓Present", "items_added !Malformed", "order_created ✕Missing needed"]);
    expect(screen.getByTestId("tag-managers").textContent).toContain("Google Tag Manager");
    expect(screen.getByText("2 of the page's own scripts could not be read.")).toBeTruthy();
    // The details fold away again.
    fireEvent.click(screen.getByRole("button", { name: "Hide pixel details" }));
    expect(screen.queryByTestId("page-coverage")).toBeNull();
  });

  it("says briefly when the page has no pixel summary", () => {
    render(<PixelPanel pixel={undefined} findings={[]} />);
    expect(screen.getByTestId("pixel-panel").textContent).toContain("not checked");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("renders hostile event names, locations and IDs as text", () => {
    const { container } = render(
      <PixelPanel
        pixel={pixel({
          pixel_ids: [HOSTILE],
          tag_managers: [HOSTILE],
          events: [event({ name: HOSTILE, standard: false, location: HOSTILE, custom_event_name: HOSTILE, problems: [HOSTILE] })],
          vendor_events: [{ platform: "meta", name: HOSTILE, openai_equivalent: HOSTILE, openai_present: false, text: HOSTILE, location: HOSTILE }],
          limits: [HOSTILE],
        })}
        findings={[]}
      />,
    );
    openDetails();
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getAllByText(HOSTILE).length).toBeGreaterThanOrEqual(5);
  });
});
