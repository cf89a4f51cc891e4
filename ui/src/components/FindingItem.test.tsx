import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Finding } from "../bindings";
import { FindingItem } from "./FindingItem";

const hostile = '<img src=x onerror="alert(1)"> {{7*7}} <script>alert(2)</script>';

const finding: Finding = {
  id: "bot-different-page",
  area: "reachability",
  status: "fail",
  severity: "high",
  confidence: "medium",
  title: `Title with ${hostile}`,
  detail: "Detail",
  evidence: [{ label: "OAI-AdsBot title", value: hostile }],
  remedy: "Serve the same page.",
};

afterEach(cleanup);

describe("FindingItem", () => {
  it("shows page content as text, never as markup", () => {
    const { container } = render(
      <ul>
        <FindingItem finding={finding} />
      </ul>,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(container.textContent).toContain("{{7*7}}");
  });

  it("opens failing findings with their evidence and remedy", () => {
    render(
      <ul>
        <FindingItem finding={finding} />
      </ul>,
    );
    expect(screen.getByText("OAI-AdsBot title")).toBeTruthy();
    expect(screen.getByText("Serve the same page.")).toBeTruthy();
  });

  it("shows a remedy written as numbered steps as a list, and a plain one as a paragraph", () => {
    const { container } = render(
      <ul>
        <FindingItem finding={{ ...finding, remedy: "In the firewall: 1. Open the rules. 2. Allow OAI-AdsBot. 3. Save." }} />
        <FindingItem finding={{ ...finding, id: "plain", remedy: "Serve the same page." }} />
      </ul>,
    );
    const steps = [...container.querySelectorAll(".remedy ol li")].map((li) => li.textContent);
    expect(steps).toEqual(["Open the rules.", "Allow OAI-AdsBot.", "Save."]);
    expect(container.querySelector(".remedy ol")?.parentElement?.textContent).toContain("In the firewall:");
    expect(container.querySelectorAll("p.remedy")).toHaveLength(1);
    expect(container.querySelector("p.remedy")?.textContent).toBe("What to do: Serve the same page.");
  });
});

