// A team workspace named at the start is connected to while the window already shows: the
// window says so, then shows the workspace's clients, or why it could not connect.
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, onDatabaseOpened } from "./api";
import type { AppInfo } from "./bindings";
import { ToastProvider } from "./components/Toast";
import { App } from "./App";

let opened: (() => void) | null = null;

vi.mock("./api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./api")>()),
  api: { appInfo: vi.fn() },
  onProgress: vi.fn(() => Promise.resolve(() => {})),
  onMonitorRan: vi.fn(() => Promise.resolve(() => {})),
  onDatabaseOpened: vi.fn((handler: () => void) => {
    opened = handler;
    return Promise.resolve(() => {});
  }),
}));

vi.mock("./views/ClientsView", () => ({
  ClientsView: () => <p data-testid="clients-view">Clients</p>,
}));
vi.mock("./views/settings/WorkspaceCard", () => ({
  WorkspaceCard: () => <p data-testid="workspace-card">Team workspace</p>,
}));

const m = vi.mocked(api);
const ADDRESS = "postgres://dana@db.example:5432/preflight";
const connecting: AppInfo = {
  version: "1",
  db_path: ADDRESS,
  connecting: true,
  db_error: { code: "workspace_connecting", message: `Preflight is connecting to the team workspace at ${ADDRESS}.`, hint: "Wait a moment." },
};

function show() {
  render(
    <ToastProvider>
      <App />
    </ToastProvider>,
  );
}

beforeEach(() => {
  vi.clearAllMocks();
  opened = null;
  window.matchMedia ??= vi.fn(() => ({ matches: false, addEventListener: () => {}, removeEventListener: () => {} })) as never;
});
afterEach(cleanup);

describe("starting on a team workspace", () => {
  it("says it is connecting, then shows the workspace once it answers", async () => {
    m.appInfo.mockResolvedValue(connecting);
    show();
    const notice = await screen.findByTestId("connecting");
    expect(notice.textContent).toContain("Connecting to the team workspace…");
    expect(notice.textContent).toContain(ADDRESS);
    expect(screen.queryByTestId("clients-view")).toBeNull();
    // Not an error while it is still trying.
    expect(screen.queryByRole("alert")).toBeNull();
    // Listening started before the first question, so an answer in between is not missed.
    expect(vi.mocked(onDatabaseOpened).mock.invocationCallOrder[0]).toBeLessThan(m.appInfo.mock.invocationCallOrder[0]);

    m.appInfo.mockResolvedValue({ version: "1", db_path: ADDRESS, connecting: false, db_error: null });
    opened!();
    await screen.findByTestId("clients-view");
    expect(screen.queryByTestId("connecting")).toBeNull();
  });

  it("shows why it could not connect, with the ways out", async () => {
    m.appInfo.mockResolvedValue(connecting);
    show();
    await screen.findByTestId("connecting");
    m.appInfo.mockResolvedValue({
      version: "1",
      db_path: ADDRESS,
      connecting: false,
      db_error: { code: "server_unreachable", message: "The team workspace at db.example:5432 did not answer.", hint: "Check that the server is running." },
    });
    opened!();
    await waitFor(() => expect(screen.queryByTestId("connecting")).toBeNull());
    expect(screen.getByText("Preflight cannot open its database")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("did not answer");
    expect(screen.getByTestId("workspace-card")).toBeTruthy();
  });
});
