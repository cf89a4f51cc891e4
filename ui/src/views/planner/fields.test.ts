import { describe, expect, it } from "vitest";
import { catalogueOf, emptyForm, errorTarget, fieldLabel, fieldMeta, formFromPlan, planFromForm, textFromInput, withMode } from "./fields";
import { fmtPercent, fmtRatio, fmtSignedRatio, parseNumber } from "./numbers";
import { b2bPlan, ecommercePlan, planFields } from "./testData";

const catalogue = catalogueOf(planFields);

describe("numbers", () => {
  it("never shows NaN or Infinity", () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(fmtRatio(x)).toBe("—");
      expect(fmtPercent(x)).toBe("—");
      expect(fmtSignedRatio(x)).toBe("—");
    }
  });

  it("formats ratios and shares for people", () => {
    expect(fmtRatio(0.717929)).toBe("0.72×");
    expect(fmtSignedRatio(-0.2258)).toBe("−0.23×");
    expect(fmtPercent(0.034)).toBe("3.4%");
  });

  it("reads what people type", () => {
    expect(parseNumber("10,000")).toBe(10000);
    expect(parseNumber("10 000")).toBe(10000);
    expect(parseNumber("0,5")).toBe(0.5);
    expect(parseNumber("$4")).toBe(4);
    expect(parseNumber("€4,50")).toBe(4.5);
    expect(parseNumber("−$4")).toBe(-4);
    expect(parseNumber("3%", true)).toBeCloseTo(0.03);
    expect(parseNumber("3%")).toBeNull();
    expect(parseNumber("1e999")).toBeNull();
    expect(parseNumber("abc")).toBeNull();
    expect(parseNumber("")).toBeNull();
  });
});

describe("plan form", () => {
  it("round-trips a preset plan", () => {
    expect(planFromForm(formFromPlan(ecommercePlan), catalogue)).toEqual({ plan: ecommercePlan, errors: [] });
    const b2b = formFromPlan(b2bPlan);
    expect(b2b.valueMode).toBe("funnel");
    expect(planFromForm(b2b, catalogue).plan).toEqual(b2bPlan);
  });

  it("leaves empty fields out so the planner's defaults apply", () => {
    const form = emptyForm();
    form.values.spend.point = "5000";
    form.values.cvr.point = "2%";
    form.values.value.point = "80";
    expect(planFromForm(form, catalogue).plan).toEqual({ spend: 5000, cvr: 0.02, value: 80 });
  });

  it("sends only the fields of the chosen options", () => {
    const form = formFromPlan({ ...ecommercePlan, cpc: 4 });
    form.values.cpm.point = "60";
    form.values.ctr.point = "0.01";
    expect(planFromForm(form, catalogue).plan).not.toHaveProperty("cpm");
    form.costMode = "cpm";
    const plan = planFromForm(form, catalogue).plan!;
    expect(plan).not.toHaveProperty("cpc");
    expect(plan).toMatchObject({ cpm: 60, ctr: 0.01 });
  });

  it("names the end of a range that is missing or not a number", () => {
    const form = formFromPlan(ecommercePlan);
    form.values.cvr = { ...form.values.cvr, high: "" };
    form.values.value = { ...form.values.value, low: "lots" };
    const { plan, errors } = planFromForm(form, catalogue);
    expect(plan).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({ field: "cvr", part: "high" }),
      expect.objectContaining({ field: "value", part: "low" }),
    ]);
  });

  it("names the field by its label and finds every problem at once", () => {
    const form = formFromPlan(ecommercePlan);
    form.values.cpc = { ...form.values.cpc, likely: "-1" };
    form.values.margin = { ...form.values.margin, mode: "point", point: "40" };
    form.values.value = { ...form.values.value, low: "250", high: "200" };
    form.values.window_days = { ...form.values.window_days, point: "a month" };
    form.values.ai_lift = { ...form.values.ai_lift, likely: "0.9" };
    const { plan, errors } = planFromForm(form, catalogue);
    expect(plan).toBeNull();
    expect(errors).toEqual([
      { field: "cpc", part: "likely", message: "Likely cost per click must be positive." },
      { field: "value", part: null, message: "Low value of one conversion is above high value of one conversion: swap them." },
      { field: "margin", part: null, message: "Gross margin must be a share above 0 and at most 1: type 0.03 or 3%." },
      { field: "window_days", part: null, message: "Attribution window is not a number. Type digits only, e.g. 1200." },
      { field: "ai_lift", part: "likely", message: "Likely lift at full AI visibility must lie between the low and the high value." },
    ]);
  });

  it("checks each field against the catalogue's bounds, ends included or not", () => {
    const check = (key: "cannibalization" | "value" | "spend", text: string) => {
      const form = formFromPlan(ecommercePlan);
      form.values[key] = { ...form.values[key], mode: "point", point: text };
      return planFromForm(form, catalogue).errors.map((e) => e.message);
    };
    expect(check("cannibalization", "0")).toEqual([]);
    expect(check("cannibalization", "100%")).toEqual(["Sales you would get anyway must be a share from 0 up to, but not including, 1: type 0.2 or 20%."]);
    expect(check("value", "0")).toEqual([]);
    expect(check("value", "-5")).toEqual(["Value of one conversion cannot be negative."]);
    expect(check("spend", "0")).toEqual(["Budget must be positive."]);
  });

  it("asks for a lag table before using one", () => {
    const form = formFromPlan(ecommercePlan);
    form.lagMode = "table";
    expect(planFromForm(form, catalogue).errors).toEqual([expect.objectContaining({ field: "lag_table" })]);
    form.lagTable = [[1, 0.5], [5, 1]];
    const plan = planFromForm(form, catalogue).plan!;
    expect(plan.lag_table).toEqual([[1, 0.5], [5, 1]]);
    expect(plan).not.toHaveProperty("lag_median_days");
  });

  it("switches between one number and a range without losing what was typed", () => {
    const range = withMode({ mode: "point", point: "4", low: "", likely: "", high: "" }, "range");
    expect(range).toMatchObject({ mode: "range", low: "4", likely: "4", high: "4" });
    expect(withMode({ ...range, likely: "5" }, "point")).toMatchObject({ mode: "point", point: "5" });
  });

  it("places the planner's errors on the field they name", () => {
    expect(errorTarget({ code: "invalid_plan", message: "m", field: "cvr.low" })).toEqual({ field: "cvr", part: "low", message: "m" });
    expect(errorTarget({ code: "invalid_plan", message: "m", field: "lag_table[2]" })).toEqual({ field: "lag_table", part: null, message: "m" });
    expect(errorTarget({ code: "internal", message: "m" })).toEqual({ field: "", part: null, message: "m" });
  });

  it("turns an assumption's input back into field text", () => {
    expect(textFromInput(0.2)).toMatchObject({ mode: "point", point: "0.2" });
    expect(textFromInput({ low: 0.1, likely: 0.2, high: 0.35 })).toMatchObject({ mode: "range", low: "0.1", likely: "0.2", high: "0.35" });
    expect(textFromInput(undefined)).toMatchObject({ mode: "point", point: "" });
  });

  it("sends the currency as an ISO code and leaves it out when empty", () => {
    const form = formFromPlan({ ...ecommercePlan, currency: "EUR" });
    expect(form.currency).toBe("EUR");
    form.currency = " gbp ";
    expect(planFromForm(form, catalogue).plan).toMatchObject({ currency: "GBP" });
    form.currency = "";
    expect(planFromForm(form, catalogue).plan).not.toHaveProperty("currency");
  });
});

describe("field catalogue", () => {
  it("names every form field from the planner's catalogue", () => {
    for (const key of ["spend", "cpc", "cvr", "cannibalization", "audience", "quarters", "currency"]) {
      expect(fieldMeta(catalogue, key).id).toBe(key);
      expect(fieldLabel(catalogue, key)).toBe(planFields.find((f) => f.id === key)!.label);
    }
    expect(fieldLabel(catalogue, "cvr")).toBe("Conversion rate the pixel credits");
    expect(fieldMeta(catalogue, "margin").kind).toBe("percent");
    // A field the catalogue does not know reads as its own name.
    expect(fieldLabel(catalogue, "mystery")).toBe("mystery");
  });

  it("reads shares as percentages because the catalogue says they are", () => {
    const form = emptyForm();
    form.values.spend.point = "5000";
    form.values.cvr.point = "2%";
    form.values.value.point = "80";
    expect(planFromForm(form, catalogue).plan).toMatchObject({ cvr: 0.02 });
    // Without the catalogue's word that cvr is a share, "2%" is not a number.
    const unknown = catalogueOf(planFields.map((f) => (f.id === "cvr" ? { ...f, kind: "number" as const } : f)));
    expect(planFromForm(form, unknown).errors).toEqual([expect.objectContaining({ field: "cvr" })]);
  });
});
