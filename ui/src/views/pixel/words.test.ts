import { describe, expect, it } from "vitest";
import type { Firing } from "../../bindings";
import { FIRING, firingSentence, firingTone, firingWords } from "./words";

describe("whether an event is sent, in words", () => {
  it.each<[Firing, string | undefined, string]>([
    ["observed", undefined, "Sent (seen in the browser)"],
    ["certain", undefined, "Sent on load"],
    ["conditional", "inside a listener for “submit”", "Sent only when something happens: inside a listener for “submit”"],
    ["conditional", undefined, "Sent only when something happens: it is behind a condition the scan cannot check"],
    ["order_dependent", "its script loads with “async”, which runs whenever the file arrives", "Depends on load order: its script loads with “async”, which runs whenever the file arrives"],
    ["consent_gated", "its script waits for the visitor's consent (OneTrust)", "Waits for consent: its script waits for the visitor's consent (OneTrust)"],
    ["never", "it is inside an HTML comment", "Never sent: it is inside an HTML comment"],
    ["noscript_image", undefined, "Never sent: only browsers with JavaScript turned off load it"],
    [
      "not_fired",
      "In the page's code (inside an “if” condition), but not sent when the page ran in a browser.",
      "In the code, never fired. In the page's code (inside an “if” condition), but not sent when the page ran in a browser.",
    ],
    ["not_fired", undefined, "In the code, never fired: the browser did not send it when the page ran"],
  ])("%s (%s)", (firing, reason, sentence) => {
    expect(firingSentence(firing, reason)).toBe(sentence);
  });

  it("tells sent, maybe-sent and unsent events apart, not by colour alone", () => {
    expect(firingWords("observed").sent).toBe("sent");
    expect(firingWords("certain").sent).toBe("sent");
    for (const f of ["conditional", "order_dependent", "consent_gated"] as Firing[]) expect(firingWords(f).sent).toBe("maybe");
    for (const f of ["never", "noscript_image", "not_fired"] as Firing[]) {
      const w = firingWords(f);
      expect(w.sent).toBe("not_sent");
      expect(w.icon).toBe("✕");
      expect(w.label).toMatch(/never/i);
      expect(firingTone(f)).not.toBe("good");
    }
    // Every state has its own words; the unsent ones never read like the sent ones.
    const sentLabels = Object.values(FIRING).filter((w) => w.sent === "sent").map((w) => w.label);
    for (const w of Object.values(FIRING).filter((w) => w.sent !== "sent")) expect(sentLabels).not.toContain(w.label);
  });

  it("reads an event from before firing was recorded as sent on load, and a blank reason as none", () => {
    expect(firingSentence(undefined)).toBe("Sent on load");
    expect(firingSentence("never", "  ")).toBe("Never sent: its code never runs");
  });
});
