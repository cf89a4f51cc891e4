import { act, cleanup, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./api";
import { REVISION_POLL_MS, useDataRevision } from "./revision";

vi.mock("./api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./api")>()),
  api: { dataRevision: vi.fn() },
}));
const m = vi.mocked(api);

function Watching(props: { onChange: () => void }) {
  useDataRevision(props.onChange);
  return null;
}

const tick = () => act(() => vi.advanceTimersByTimeAsync(REVISION_POLL_MS));

beforeEach(() => {
  vi.resetAllMocks();
  vi.useFakeTimers();
  m.dataRevision.mockResolvedValue("r1");
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("useDataRevision", () => {
  it("asks once per tick for every view and tells each only of changes", async () => {
    const a = vi.fn();
    const b = vi.fn();
    render(
      <>
        <Watching onChange={a} />
        <Watching onChange={b} />
      </>,
    );
    await act(async () => {});
    expect(m.dataRevision).toHaveBeenCalledTimes(1);
    await tick();
    expect(m.dataRevision).toHaveBeenCalledTimes(2);
    expect(a).not.toHaveBeenCalled();

    m.dataRevision.mockResolvedValue("r2");
    await tick();
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 1]);
    await tick();
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 1]);
  });

  it("keeps polling after a failed poll, and stops once no view watches", async () => {
    const a = vi.fn();
    const view = render(<Watching onChange={a} />);
    await act(async () => {});
    m.dataRevision.mockRejectedValue({ code: "connection_lost", message: "Lost." });
    await tick();
    m.dataRevision.mockResolvedValue("r2");
    await tick();
    expect(a).toHaveBeenCalledTimes(1);

    view.unmount();
    const polls = m.dataRevision.mock.calls.length;
    await tick();
    await tick();
    expect(m.dataRevision).toHaveBeenCalledTimes(polls);
  });
});
