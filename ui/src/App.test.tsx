// The window shell: Esc goes back from an open audit, like its Back button, unless a dialog, a
// menu or a text field has the key.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfirmDialog } from "./components/ConfirmDialog";
import { ToastProvider } from "./components/Toast";

vi.mock("./api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./api")>()),
  api: { appInfo: vi.fn(() => Promise.resolve({ version: "0", db_path: "preflight.db", db_error: null, connecting: false })) },
  onProgress: vi.fn(() => Promise.resolve(() => {})),
  onMonitorRan: vi.fn(() => Promise.resolve(() => {})),
  onDatabaseOpened: vi.fn(() => Promise.resolve(() => {})),
}));

// The areas themselves are tested on their own; here they only open an audit and go back.
vi.mock("./views/ClientsView", () => ({
  ClientsView: ({ onOpenAudit }: { onOpenAudit: (id: number) => void }) => (
    <button type="button" onClick={() => onOpenAudit(7)}>
      Open audit 7
    </button>
  ),
}));

vi.mock("./views/AuditView", () => ({
  AuditView: function AuditStub({ auditId, onBack }: { auditId: number; onBack: () => void }) {
    const [asking, setAsking] = useState(false);
    const [menu, setMenu] = useState(false);
    return (
      <div data-testid="audit">
        Audit {auditId}
        <button type="button" onClick={onBack}>
          ← Back
        </button>
        <input aria-label="Filter pages" />
        <input type="checkbox" aria-label="Only problems" />
        <button type="button" onClick={() => setAsking(true)}>
          Delete audit
        </button>
        <button type="button" aria-haspopup="menu" aria-expanded={menu} onClick={() => setMenu(!menu)}>
          Export
        </button>
        {menu && <div role="menu">PDF</div>}
        {asking && <ConfirmDialog title="Delete?" body="Gone for good." confirmLabel="Delete" onConfirm={() => {}} onCancel={() => setAsking(false)} />}
      </div>
    );
  },
}));

import { App } from "./App";

async function openAudit() {
  render(
    <ToastProvider>
      <App />
    </ToastProvider>,
  );
  await act(async () => {});
  fireEvent.click(screen.getByRole("button", { name: "Open audit 7" }));
  expect(screen.getByTestId("audit")).toBeTruthy();
}

const esc = (target: Element | Window = window) => fireEvent.keyDown(target, { key: "Escape" });

beforeEach(() => {
  localStorage.clear();
  window.matchMedia ??= vi.fn(() => ({ matches: false, addEventListener: () => {}, removeEventListener: () => {} })) as never;
});

afterEach(cleanup);

describe("Esc in the window", () => {
  it("closes the open audit, as the Back button does", async () => {
    await openAudit();
    esc(document.body);
    expect(screen.queryByTestId("audit")).toBeNull();
    expect(screen.getByRole("button", { name: "Open audit 7" })).toBeTruthy();
  });

  it("goes back when a checkbox or a button has the focus", async () => {
    await openAudit();
    const box = screen.getByRole("checkbox", { name: "Only problems" });
    box.focus();
    esc(box);
    expect(screen.queryByTestId("audit")).toBeNull();
  });

  it("leaves Esc to a text field that has the focus", async () => {
    await openAudit();
    const field = screen.getByRole("textbox", { name: "Filter pages" });
    field.focus();
    esc(field);
    expect(screen.getByTestId("audit")).toBeTruthy();
  });

  it("closes only the dialog when one is open, then the audit on the next Esc", async () => {
    await openAudit();
    fireEvent.click(screen.getByRole("button", { name: "Delete audit" }));
    expect(screen.getByRole("dialog")).toBeTruthy();
    esc();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByTestId("audit")).toBeTruthy();
    esc(document.body);
    expect(screen.queryByTestId("audit")).toBeNull();
  });

  it("leaves Esc to an open menu", async () => {
    await openAudit();
    fireEvent.click(screen.getByRole("button", { name: "Export" }));
    esc(document.body);
    expect(screen.getByTestId("audit")).toBeTruthy();
  });
});
