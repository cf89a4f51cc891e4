import { describe, expect, it } from "vitest";
import { remedySteps } from "./remedy";

describe("remedySteps", () => {
  it("splits inline numbered steps, keeping the text before them", () => {
    expect(remedySteps("In Cloudflare: 1. Open Security. 2. Add a rule for OAI-AdsBot. 3. Save it.")).toEqual({
      intro: "In Cloudflare:",
      steps: ["Open Security.", "Add a rule for OAI-AdsBot.", "Save it."],
      outro: "",
    });
  });

  it("splits steps written one per line, with dots or brackets", () => {
    expect(remedySteps("1) Open the tag manager\n2) Add the event\n")).toEqual({
      intro: "",
      steps: ["Open the tag manager", "Add the event"],
      outro: "",
    });
    expect(remedySteps("Do this:\n1. First\n2. Second")?.steps).toEqual(["First", "Second"]);
  });

  it("keeps a plain remedy a paragraph", () => {
    expect(remedySteps("Serve the same page to OAI-AdsBot as to visitors.")).toBeNull();
    expect(remedySteps("")).toBeNull();
  });

  it("needs at least two steps numbered from 1", () => {
    expect(remedySteps("1. Only one step.")).toBeNull();
    expect(remedySteps("Wait 2. Then 3. retry")).toBeNull();
  });

  it("reads numbers out of sequence as part of the step", () => {
    expect(remedySteps("1. Set the limit to 5. Then save. 2. Run the check again.")?.steps).toEqual([
      "Set the limit to 5. Then save.",
      "Run the check again.",
    ]);
  });

  it("does not split decimals or versions", () => {
    expect(remedySteps("Use TLS 1.2 or 1.3 on the server.")).toBeNull();
  });

  it("keeps a closing line after steps written one per line out of the last step", () => {
    expect(
      remedySteps("Let OAI-AdsBot through in Cloudflare:\n1. Open Security.\n2. Add a rule.\nThen run this check again."),
    ).toEqual({
      intro: "Let OAI-AdsBot through in Cloudflare:",
      steps: ["Open Security.", "Add a rule."],
      outro: "Then run this check again.",
    });
  });
});
