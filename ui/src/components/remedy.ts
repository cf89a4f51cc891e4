// A remedy written as numbered steps ("1. Open … 2. Add … 3. Save …", inline or one per line)
// read as its steps, so the finding can show them as a list. Pure.

/** The text before the first step, the steps in order, and the text after the last step when
 * it is on a line of its own (either may be empty). */
export interface RemedySteps {
  intro: string;
  steps: string[];
  outro: string;
}

// A step number: "1." or "1)" at the start or after whitespace, followed by whitespace.
const MARKER = /(^|\s)(\d{1,2})[.)]\s+/g;

/**
 * The steps of a remedy numbered 1, 2, 3… in order, or null when it is not written as at least
 * two numbered steps (then it is shown as a paragraph). A number out of sequence ("set the
 * limit to 5. Then …") is part of the step's text, not a new step.
 */
export function remedySteps(remedy: string): RemedySteps | null {
  const starts: { at: number; textAt: number }[] = [];
  for (const m of remedy.matchAll(MARKER)) {
    if (Number(m[2]) !== starts.length + 1) continue;
    const at = (m.index ?? 0) + m[1].length;
    starts.push({ at, textAt: (m.index ?? 0) + m[0].length });
  }
  if (starts.length < 2) return null;
  const steps = starts.map((s, i) => remedy.slice(s.textAt, i + 1 < starts.length ? starts[i + 1].at : undefined).trim());
  // Steps written one per line may be followed by a closing line ("Then run the check again.").
  let outro = "";
  const last = steps[steps.length - 1];
  const onePerLine = remedy.slice(starts[0].at, starts[1].at).includes("\n");
  const lineBreak = onePerLine ? last.indexOf("\n") : -1;
  if (lineBreak >= 0) {
    outro = last.slice(lineBreak + 1).trim();
    steps[steps.length - 1] = last.slice(0, lineBreak).trim();
  }
  if (steps.some((s) => s === "")) return null;
  return { intro: remedy.slice(0, starts[0].at).trim(), steps, outro };
}
