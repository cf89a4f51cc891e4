import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { forgetAllKept, peekKept, putKept, useKept } from "./keep";

afterEach(() => {
  cleanup();
  forgetAllKept();
});

describe("useKept", () => {
  it("starts from the initial value and gives the value back after the view has gone", () => {
    const first = renderHook(() => useKept("tool", "start"));
    expect(first.result.current[0]).toBe("start");
    act(() => first.result.current[1]("typed"));
    expect(first.result.current[0]).toBe("typed");
    first.unmount();

    const again = renderHook(() => useKept("tool", "start"));
    expect(again.result.current[0]).toBe("typed");
  });

  it("keeps each key's own value and switches with the key", () => {
    const view = renderHook(({ k }) => useKept(k, 0), { initialProps: { k: "planner:1" } });
    act(() => view.result.current[1](11));
    view.rerender({ k: "planner:2" });
    expect(view.result.current[0]).toBe(0);
    act(() => view.result.current[1](22));
    view.rerender({ k: "planner:1" });
    expect(view.result.current[0]).toBe(11);
    expect(peekKept("planner:2")).toBe(22);
  });

  it("writes under the key the setter was made for, even after the key changed", () => {
    const view = renderHook(({ k }) => useKept<string | null>(k, null), { initialProps: { k: "planner:1" } });
    const setForOne = view.result.current[1];
    view.rerender({ k: "planner:2" });
    act(() => setForOne("answer for client 1"));
    expect(view.result.current[0]).toBeNull();
    expect(peekKept("planner:1")).toBe("answer for client 1");
  });

  it("keeps an answer that arrives after the view has gone", () => {
    const view = renderHook(() => useKept<string | null>("utm:result", null));
    const set = view.result.current[1];
    view.unmount();
    set("late answer");
    const again = renderHook(() => useKept<string | null>("utm:result", null));
    expect(again.result.current[0]).toBe("late answer");
  });

  it("applies updates in order, each on the one before", () => {
    const view = renderHook(() => useKept("count", 0));
    act(() => {
      view.result.current[1]((n) => n + 1);
      view.result.current[1]((n) => n * 10);
    });
    expect(view.result.current[0]).toBe(10);
  });

  it("shares one value between two views of the same key", () => {
    const a = renderHook(() => useKept("shared", "x"));
    const b = renderHook(() => useKept("shared", "x"));
    act(() => a.result.current[1]("y"));
    expect(b.result.current[0]).toBe("y");
    act(() => putKept("shared", "z"));
    expect(a.result.current[0]).toBe("z");
  });

  it("builds a lazy initial value once per key, and again after everything is forgotten", () => {
    const make = vi.fn(() => ["fresh"]);
    const view = renderHook(() => useKept("list", make));
    view.rerender();
    expect(make).toHaveBeenCalledTimes(1);
    const firstList = view.result.current[0];
    act(() => view.result.current[1](["changed"]));
    act(() => forgetAllKept());
    expect(view.result.current[0]).toEqual(["fresh"]);
    expect(view.result.current[0]).not.toBe(firstList);
    expect(make).toHaveBeenCalledTimes(2);
  });
});
