import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { AuditReport } from "../../bindings";
import { HOSTILE, report } from "../history/testData";
import { FunnelCard } from "./FunnelCard";
import { ECOMMERCE, LEADS, runFunnel } from "./testData";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return { ...actual, api: { listFunnels: vi.fn(), setAuditFunnel: vi.fn() } };
});
const m = vi.mocked(api);

function Harness({ initial }: { initial: AuditReport }) {
  const [r, setR] = useState(initial);
  return <FunnelCard auditId={7} report={r} onReport={setR} />;
}

const rowTexts = () => screen.getAllByTestId("funnel-row").map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent));

beforeEach(() => {
  vi.resetAllMocks();
  m.listFunnels.mockResolvedValue([ECOMMERCE, LEADS]);
});
afterEach(cleanup);

describe("FunnelCard", () => {
  it("asks for a funnel when none is chosen", async () => {
    render(<Harness initial={report()} />);
    const select = screen.getByTestId("audit-funnel-select") as HTMLSelectElement;
    await waitFor(() => expect(Array.from(select.options).map((o) => o.textContent)).toEqual(["No funnel", "E-commerce", "Lead generation"]));
    expect(select.value).toBe("");
    expect(screen.getByTestId("funnel-empty").textContent).toContain("Choose the funnel that matches the campaign's goal");
    expect(screen.queryByTestId("funnel-row")).toBeNull();
  });

  it("shows each funnel event, needed first, as present, missing or malformed with where it was seen", async () => {
    render(<Harness initial={report({ funnel: runFunnel() })} />);
    expect((screen.getByTestId("audit-funnel-select") as HTMLSelectElement).value).toBe("ecommerce");
    expect(rowTexts()).toEqual([
      ["page_viewed", "✓Present", "needed", "https://shop.example.com/sale (in the page code)Journey 3"],
      ["order_created", "✕Missing", "needed", "—"],
      ["items_added", "!Malformed", "recommended", "https://shop.example.com/cart (when the page ran)"],
      ["checkout_started", "✕Missing", "recommended", "—"],
    ]);
    expect(screen.getByTestId("funnel-counts").textContent).toBe("2 pages scanned, 1 run in a browser, 1 journey.");
    expect(screen.getByText("E-commerce funnel: no `order_created` event found")).toBeTruthy();
    expect(within(screen.getByTestId("funnel-coverage")).getByText("1 needed event missing, 1 malformed")).toBeTruthy();
  });

  it("re-reads the audit through the funnel picked and shows the answer", async () => {
    const leads = runFunnel({
      funnel: LEADS,
      coverage: { funnel: "lead-generation", present: ["page_viewed", "lead_created", "contents_viewed"], missing: [], malformed: [] },
      sources: [],
      findings: [],
      journeys: 2,
    });
    m.setAuditFunnel.mockResolvedValue(report({ funnel: leads }));
    render(<Harness initial={report({ funnel: runFunnel() })} />);
    await waitFor(() => expect((screen.getByTestId("audit-funnel-select") as HTMLSelectElement).options).toHaveLength(3));
    fireEvent.change(screen.getByTestId("audit-funnel-select"), { target: { value: "lead-generation" } });
    await waitFor(() => expect(rowTexts().map((r) => r[0])).toEqual(["page_viewed", "lead_created", "contents_viewed"]));
    expect(m.setAuditFunnel).toHaveBeenCalledWith(7, "lead-generation");
    expect(rowTexts().every((r) => r[1] === "✓Present")).toBe(true);
    expect(screen.getByText("Every needed event is sent")).toBeTruthy();
    expect(screen.getByTestId("funnel-counts").textContent).toContain("2 journeys");
  });

  it("clears the funnel with No funnel", async () => {
    m.setAuditFunnel.mockResolvedValue(report());
    render(<Harness initial={report({ funnel: runFunnel() })} />);
    fireEvent.change(screen.getByTestId("audit-funnel-select"), { target: { value: "" } });
    await screen.findByTestId("funnel-empty");
    expect(m.setAuditFunnel).toHaveBeenCalledWith(7, null);
  });

  it("keeps the report and says why when the funnel cannot be changed", async () => {
    m.setAuditFunnel.mockRejectedValue({ code: "database_busy", message: "The database is busy." });
    render(<Harness initial={report({ funnel: runFunnel() })} />);
    fireEvent.change(screen.getByTestId("audit-funnel-select"), { target: { value: "" } });
    expect((await screen.findByRole("alert")).textContent).toContain("The database is busy.");
    expect(screen.getAllByTestId("funnel-row")).toHaveLength(4);
  });

  it("renders hostile places and event names as text", () => {
    const { container } = render(
      <Harness
        initial={report({
          funnel: runFunnel({
            funnel: { ...ECOMMERCE, required: [HOSTILE] },
            coverage: { funnel: "ecommerce", present: [HOSTILE], missing: [], malformed: [] },
            sources: [{ event: HOSTILE, found_on: [`${HOSTILE} (static)`] }],
          }),
        })}
      />,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getAllByText(HOSTILE)).toHaveLength(2);
  });
});
