import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import { HOSTILE } from "../history/testData";
import { MappingTable } from "./MappingTable";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return { ...actual, api: { eventMappingTable: vi.fn() } };
});
const m = vi.mocked(api);

beforeEach(() => {
  vi.resetAllMocks();
  m.eventMappingTable.mockResolvedValue([
    { platform: "meta", event: "Purchase", openai: "order_created" },
    { platform: "ga4", event: "purchase", openai: "order_created" },
    { platform: "meta", event: "Subscribe", openai: "" },
    { platform: "google_ads", event: "conversion", openai: "" },
  ]);
});
afterEach(cleanup);

describe("MappingTable", () => {
  it("is folded, and groups the mapping by platform", async () => {
    render(<MappingTable />);
    const details = screen.getByTestId("mapping-table") as HTMLDetailsElement;
    expect(details.tagName).toBe("DETAILS");
    expect(details.open).toBe(false);
    expect(within(details).getByText("How Meta and Google events map to OpenAI").tagName).toBe("SUMMARY");
    await waitFor(() => expect(screen.getAllByTestId("mapping-group")).toHaveLength(3));
    const groups = screen.getAllByTestId("mapping-group").map((table) => ({
      caption: table.querySelector("caption")?.textContent,
      rows: within(table)
        .getAllByRole("row")
        .slice(1)
        .map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent)),
    }));
    expect(groups).toEqual([
      { caption: "Meta", rows: [["Purchase", "order_created"], ["Subscribe", "no standard equivalent"]] },
      { caption: "Google Analytics 4", rows: [["purchase", "order_created"]] },
      { caption: "Google Ads", rows: [["conversion", "no standard equivalent"]] },
    ]);
  });

  it("says when the table cannot be loaded", async () => {
    m.eventMappingTable.mockRejectedValue({ code: "internal", message: "Something broke." });
    render(<MappingTable />);
    expect(await screen.findByText(/Something broke\./)).toBeTruthy();
  });

  it("renders event names as text", async () => {
    m.eventMappingTable.mockResolvedValue([{ platform: HOSTILE, event: HOSTILE, openai: HOSTILE }]);
    const { container } = render(<MappingTable />);
    await waitFor(() => expect(screen.getAllByText(HOSTILE).length).toBeGreaterThanOrEqual(2));
    expect(container.querySelector("img")).toBeNull();
  });
});
