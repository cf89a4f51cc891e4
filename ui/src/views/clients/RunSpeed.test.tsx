import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { RunDefaults, RunPace } from "../../bindings";
import { RunPaceLine } from "./RunPaceLine";
import { DEFAULT_SPEED, RunSpeed, speedOptions, type RunSpeedChoice } from "./RunSpeed";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return { ...actual, api: { runDefaults: vi.fn() } };
});
const m = vi.mocked(api);

const DEFAULTS: RunDefaults = {
  per_site: 2,
  auto_min: 6,
  auto_max: 128,
  concurrency_max: 256,
  interval_ms: 250,
  interval_min_ms: 100,
  interval_max_ms: 60000,
  max_crawl_delay_secs: 30,
  timeout_secs: 20,
  timeout_max_secs: 300,
};

afterEach(cleanup);

describe("run speed settings", () => {
  it("shows the engine's defaults as placeholders and sends only what was typed", async () => {
    m.runDefaults.mockResolvedValue(DEFAULTS);
    let value: RunSpeedChoice = DEFAULT_SPEED;
    const { rerender } = render(<RunSpeed value={value} onChange={(v) => (value = v)} />);
    await screen.findByText(/automatically 2 pages for each site in the run, 6 to 128 at a time/);
    const concurrency = screen.getByPlaceholderText("Automatic");
    expect(screen.getByTestId("speed-interval")).toHaveProperty("placeholder", "250");
    expect(screen.getByText(/one request every 250 ms/)).toBeTruthy();
    expect(speedOptions(value)).toEqual({});

    fireEvent.change(concurrency, { target: { value: "40" } });
    rerender(<RunSpeed value={value} onChange={(v) => (value = v)} />);
    fireEvent.change(screen.getByTestId("speed-interval"), { target: { value: "500" } });
    expect(speedOptions(value)).toEqual({ concurrency: 40, interval_ms: 500 });
    rerender(<RunSpeed value={value} onChange={(v) => (value = v)} />);
    expect(screen.getByText("Speed and politeness (changed)")).toBeTruthy();
    fireEvent.click(screen.getByText("Use the defaults"));
    expect(value).toEqual(DEFAULT_SPEED);
  });
});

describe("run pace", () => {
  const pace: RunPace = {
    sites: 3,
    concurrency: 6,
    per_site: 2,
    elapsed_secs: 10,
    pages_per_minute: null,
    secs_left: null,
    summary: "3 sites, 6 pages at a time",
    slowest_sites: [],
    paused_sites: [],
  };

  it("shows the run's own words, then its slow and paused sites", () => {
    const { rerender } = render(<RunPaceLine pace={pace} />);
    expect(screen.getByTestId("run-pace").textContent).toBe("3 sites, 6 pages at a time");
    rerender(
      <RunPaceLine
        pace={{
          ...pace,
          pages_per_minute: 84.2,
          secs_left: 130,
          summary: "84 pages/min · about 3 min left",
          slowest_sites: [{ host: "slow.example", done: 2, total: 10, secs_left: 130, summary: "slow.example (2/10, about 3 min)" }],
          paused_sites: ["refusing.example"],
        }}
      />,
    );
    expect(screen.getByText("84 pages/min · about 3 min left")).toBeTruthy();
    expect(screen.getByTestId("run-slowest").textContent).toBe("Slowest sites: slow.example (2/10, about 3 min)");
    expect(screen.getByTestId("run-paused").textContent).toContain("refusing.example");
  });
});
