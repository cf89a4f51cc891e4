import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Ga4Preview } from "../../bindings";
import { ChannelInfo } from "./ChannelInfo";

const inputs = { source: "chatgpt", medium: "cpc", campaign: "spring", from_referrer: false };

function ga4(rule_words: string, rule_text: string): Ga4Preview {
  return { inputs, preview: { channel: "Paid Other", rule_id: "paid-other", rule_words, rule_text, inferred: false }, risk: null };
}

afterEach(cleanup);

describe("ChannelInfo", () => {
  it("says the rule in words and keeps the regular expression behind a disclosure", () => {
    const { container } = render(
      <ChannelInfo ga4={ga4("Medium contains “cp”, is “ppc” or “retargeting”, or starts with “paid”.", "Medium matches regex ^(.*cp.*|ppc|retargeting|paid.*)$")} risk={null} />,
    );
    expect(container.querySelector(".utm-channel-rule")?.textContent).toBe(
      "Matching rule: Medium contains “cp”, is “ppc” or “retargeting”, or starts with “paid”.",
    );
    const details = container.querySelector("details");
    expect(details).not.toBeNull();
    expect(details?.open).toBe(false);
    expect(screen.getByText("Show the exact rule")).toBeTruthy();
    expect(details?.querySelector("code")?.textContent).toBe("Medium matches regex ^(.*cp.*|ppc|retargeting|paid.*)$");
  });

  it("shows no disclosure when the rule is plain already", () => {
    const { container } = render(<ChannelInfo ga4={ga4('Medium = "affiliate"', 'Medium = "affiliate"')} risk={null} />);
    expect(container.querySelector("details")).toBeNull();
    expect(container.textContent).toContain('Medium = "affiliate"');
  });
});
