// Number formatting for the planner's ratios, shares and counts, and reading typed numbers.
// Money is not formatted here: the planner writes every amount in the plan's currency
// (`PlanReport.money`), so the app shows the same text as the PDF and the command line. Every
// function shows "—" for a value that is not a finite number, so a division by zero upstream
// never reaches the reader as NaN or Infinity.

export const NO_VALUE = "—";

function finite(x: number | null | undefined): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/** A plain number with at most `digits` decimals ("12,345.6"). */
export function fmtNumber(x: number | null | undefined, digits = 2): string {
  if (!finite(x)) return NO_VALUE;
  return x.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** A count ("1,250"); small counts keep one decimal so 0.4 conversions do not read as 0. */
export function fmtCount(x: number | null | undefined): string {
  if (!finite(x)) return NO_VALUE;
  return x.toLocaleString("en-US", { maximumFractionDigits: Math.abs(x) < 10 ? 1 : 0 });
}

/** A return ratio such as ROAS: "2.35×". */
export function fmtRatio(x: number | null | undefined): string {
  if (!finite(x)) return NO_VALUE;
  return `${x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}×`;
}

/** A change in ROAS with its sign: "+0.12×", "−0.23×". */
export function fmtSignedRatio(x: number | null | undefined): string {
  if (!finite(x)) return NO_VALUE;
  const sign = x > 0 ? "+" : x < 0 ? "−" : "±";
  return `${sign}${fmtRatio(Math.abs(x))}`;
}

/** A share as a percentage: 0.034 → "3.4%". */
export function fmtPercent(x: number | null | undefined, digits = 1): string {
  if (!finite(x)) return NO_VALUE;
  return `${(x * 100).toLocaleString("en-US", { maximumFractionDigits: digits })}%`;
}

/**
 * Reads what a person typed as a number: "10,000", "10 000", "0,5" (decimal comma), "$4" or "€4"
 * (a currency sign is ignored) and, for shares, "3%" (→ 0.03). Returns null for text that is not
 * a finite number.
 */
export function parseNumber(text: string, allowPercent = false): number | null {
  let t = text.trim().replace(/[\s_\u00a0\u202f]/g, "");
  if (t === "") return null;
  let scale = 1;
  if (allowPercent && t.endsWith("%")) {
    t = t.slice(0, -1);
    scale = 0.01;
  }
  t = t.replace(/^−/, "-").replace(/^(-?)\p{Sc}/u, "$1");
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
  else if (/^-?\d*,\d+$/.test(t)) t = t.replace(",", ".");
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t) * scale;
  return Number.isFinite(n) ? n : null;
}

/** The shortest text for a number typed back into a field (no exponent for everyday values). */
export function numberToText(x: number): string {
  if (!Number.isFinite(x)) return "";
  return String(Number(x.toPrecision(12)));
}
