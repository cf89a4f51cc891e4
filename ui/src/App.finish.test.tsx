import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import type { AuditProgress, ScheduledRun } from "./bindings";
import { ToastProvider } from "./components/Toast";

// The progress listener App registers, so a test can end a run.
let emit: (p: AuditProgress) => void = () => {};
// The listener for scheduled runs, so a test can say some ran.
let ran: (runs: ScheduledRun[]) => void = () => {};

vi.mock("./api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./api")>();
  return {
    ...actual,
    api: { appInfo: vi.fn(() => new Promise(() => {})) },
    onProgress: vi.fn((handler: (p: AuditProgress) => void) => {
      emit = handler;
      return Promise.resolve(() => {});
    }),
    onMonitorRan: vi.fn((handler: (runs: ScheduledRun[]) => void) => {
      ran = handler;
      return Promise.resolve(() => {});
    }),
    onDatabaseOpened: vi.fn(() => Promise.resolve(() => {})),
  };
});
// The areas stand in for themselves: the client page selects client 1 and has a text field.
vi.mock("./views/ClientsView", async () => {
  const { useEffect } = await import("react");
  return {
    ClientsView: (p: { onSelect: (id: number) => void; selectedId: number | null }) => {
      useEffect(() => {
        if (p.selectedId === null) p.onSelect(1);
      }, [p]);
      return (
        <div data-testid="clients-area">
          client {p.selectedId}
          <textarea data-testid="typing" />
        </div>
      );
    },
  };
});
vi.mock("./views/AuditView", () => ({
  AuditView: (p: { auditId: number }) => <div data-testid="audit-area">audit {p.auditId}</div>,
}));
vi.mock("./views/UtmView", () => ({ UtmView: () => <div data-testid="utm-area">utm</div> }));
vi.mock("./views/ChangesView", () => ({
  ChangesView: (p: { refreshKey: number; onOpenAudit: (id: number) => void }) => (
    <div data-testid="changes-area">
      read {p.refreshKey}
      <button type="button" onClick={() => p.onOpenAudit(77)}>
        Open newer audit
      </button>
    </div>
  ),
}));

function finished(over: Partial<AuditProgress> = {}): AuditProgress {
  return {
    run_id: 42,
    client_id: 1,
    kind: "finished",
    done: 2,
    total: 2,
    url: null,
    verdict: null,
    status: "complete",
    error: null,
    ...over,
  } as AuditProgress;
}

function show() {
  render(
    <ToastProvider>
      <App />
    </ToastProvider>,
  );
}

beforeEach(() => {
  localStorage.clear();
  window.matchMedia = vi.fn(() => ({ matches: false, addEventListener: () => {}, removeEventListener: () => {} })) as never;
});
afterEach(cleanup);

describe("a run that ends", () => {
  it("opens the new audit when the user is still on its client's page", async () => {
    show();
    expect((await screen.findByTestId("clients-area")).textContent).toContain("client 1");
    act(() => emit(finished()));
    expect((await screen.findByTestId("audit-area")).textContent).toBe("audit 42");
    expect(screen.queryByText("Open")).toBeNull();
  });

  it("leaves the user in another area and offers Open in a toast", async () => {
    show();
    await screen.findByTestId("clients-area");
    fireEvent.click(screen.getByTestId("nav-utm"));
    act(() => emit(finished()));
    expect(screen.getByTestId("utm-area")).toBeTruthy();
    expect(screen.queryByTestId("audit-area")).toBeNull();
    fireEvent.click(await screen.findByText("Open"));
    expect((await screen.findByTestId("audit-area")).textContent).toBe("audit 42");
  });

  it("does not move while the user types on the client page, nor for another client's run", async () => {
    show();
    await screen.findByTestId("clients-area");
    screen.getByTestId("typing").focus();
    act(() => emit(finished()));
    expect(screen.queryByTestId("audit-area")).toBeNull();
    expect(await screen.findByText("Open")).toBeTruthy();

    (document.activeElement as HTMLElement).blur();
    act(() => emit(finished({ run_id: 43, client_id: 2 })));
    expect(screen.queryByTestId("audit-area")).toBeNull();
  });

  it("does not open a run the user stopped", async () => {
    show();
    await screen.findByTestId("clients-area");
    act(() => emit(finished({ status: "cancelled" })));
    expect(screen.queryByTestId("audit-area")).toBeNull();
    expect(await screen.findByText("Open")).toBeTruthy();
  });
});

describe("the Changes area", () => {
  it("opens with Ctrl+9, is read again after scheduled audits ran, and opens an audit", async () => {
    show();
    await screen.findByTestId("clients-area");
    expect(screen.getByTestId("nav-changes").title).toBe("Ctrl+9");
    fireEvent.keyDown(window, { key: "9", ctrlKey: true });
    expect(screen.getByTestId("changes-area").textContent).toContain("read 0");
    act(() => ran([]));
    expect(screen.getByTestId("changes-area").textContent).toContain("read 1");
    fireEvent.click(screen.getByText("Open newer audit"));
    expect((await screen.findByTestId("audit-area")).textContent).toBe("audit 77");
  });
});
