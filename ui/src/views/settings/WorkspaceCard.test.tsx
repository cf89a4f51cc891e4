import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { WorkspaceConnected, WorkspaceStatus } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { forgetAllKept } from "../../keep";
import { WorkspaceCard } from "./WorkspaceCard";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return {
    ...actual,
    api: {
      workspaceStatus: vi.fn(),
      connectWorkspace: vi.fn(),
      copyLocalIntoWorkspace: vi.fn(),
      disconnectWorkspace: vi.fn(),
      setDisplayName: vi.fn(),
    },
  };
});
const m = vi.mocked(api);

const FILE = "/home/dana/.local/share/preflight/preflight.sqlite3";
const ADDRESS = "postgres://dana@db.example/preflight";
const PASSWORD = "c0rrect-h0rse";

const local: WorkspaceStatus = {
  workspace: false,
  location: FILE,
  author: "dana",
  display_name: null,
  overridden: false,
  local_file: FILE,
  local_file_exists: true,
  error: null,
};
const team: WorkspaceStatus = { ...local, workspace: true, location: ADDRESS, author: "Dana", display_name: "Dana" };
const connected: WorkspaceConnected = { address: ADDRESS, empty: true, clients: 0, local_clients: 3, local_audits: 12, status: team };

function show(onDatabaseChanged = vi.fn()) {
  const view = render(
    <ToastProvider>
      <WorkspaceCard onDatabaseChanged={onDatabaseChanged} />
    </ToastProvider>,
  );
  return { onDatabaseChanged, ...view };
}

const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;

async function fillIn() {
  await screen.findByTestId("workspace-address");
  fireEvent.change(field("workspace-address"), { target: { value: ` ${ADDRESS} ` } });
  fireEvent.change(field("workspace-password"), { target: { value: PASSWORD } });
  fireEvent.change(field("workspace-name"), { target: { value: "Dana" } });
}

beforeEach(() => {
  vi.resetAllMocks();
  forgetAllKept();
  m.workspaceStatus.mockResolvedValue(local);
});
afterEach(cleanup);

describe("Team workspace", () => {
  it("says where audits are kept and who work is recorded as", async () => {
    show();
    const where = await screen.findByTestId("workspace-where");
    expect(where.textContent).toBe(`This computer's file: ${FILE} — your work is recorded as dana`);
    expect(field("workspace-password").type).toBe("password");
    expect(field("workspace-address").placeholder).toBe("postgres://user@host:5432/preflight");
    expect((screen.getByTestId("workspace-connect") as HTMLButtonElement).disabled).toBe(true);
  });

  it("connects with Enter, shows that it is busy, then offers to copy this computer's audits", async () => {
    let answer: (c: WorkspaceConnected) => void = () => {};
    m.connectWorkspace.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const { onDatabaseChanged } = show();
    await fillIn();
    fireEvent.submit(field("workspace-address").closest("form")!);
    expect(m.connectWorkspace).toHaveBeenCalledWith(ADDRESS, PASSWORD, "Dana");
    const button = screen.getByTestId("workspace-connect") as HTMLButtonElement;
    expect(button.textContent).toBe("Connecting…");
    expect(button.disabled).toBe(true);

    answer(connected);
    const offer = await screen.findByTestId("workspace-copy-offer");
    expect(offer.textContent).toContain("3 clients and 12 audits");
    expect(screen.getByTestId("workspace-where").textContent).toBe(`Team workspace: ${ADDRESS} — your work is recorded as Dana`);
    expect(onDatabaseChanged).toHaveBeenCalledTimes(1);
    // The password is gone from the window once sent.
    expect(document.body.innerHTML).not.toContain(PASSWORD);
    expect(screen.queryByTestId("workspace-password")).toBeNull();

    m.copyLocalIntoWorkspace.mockResolvedValue({
      tables: [
        { table: "clients", source: 3, copied: 3, already_there: 0, changed_there: 0 },
        { table: "audit_runs", source: 12, copied: 12, already_there: 0, changed_there: 0 },
        { table: "journeys", source: 0, copied: 0, already_there: 0, changed_there: 0 },
      ],
    });
    fireEvent.click(screen.getByTestId("workspace-copy"));
    const result = await screen.findByTestId("workspace-copy-result");
    expect(result.textContent).toContain("Copied 15 records");
    const rows = within(result).getAllByTestId("workspace-copy-row").map((r) => r.textContent);
    expect(rows).toEqual(["Clients330", "Audits12120"]);
    expect(onDatabaseChanged).toHaveBeenCalledTimes(2);
    fireEvent.click(screen.getByTestId("workspace-copy-done"));
    expect(screen.queryByTestId("workspace-copy-result")).toBeNull();
    expect(screen.getByTestId("workspace-disconnect")).toBeTruthy();
  });

  it("lets the user skip the copy", async () => {
    m.connectWorkspace.mockResolvedValue(connected);
    show();
    await fillIn();
    fireEvent.click(screen.getByTestId("workspace-connect"));
    fireEvent.click(await screen.findByTestId("workspace-skip"));
    expect(screen.queryByTestId("workspace-copy-offer")).toBeNull();
    expect(m.copyLocalIntoWorkspace).not.toHaveBeenCalled();
  });

  it("offers no copy into a workspace that already holds clients", async () => {
    m.connectWorkspace.mockResolvedValue({ ...connected, empty: false, clients: 4 });
    show();
    await fillIn();
    fireEvent.click(screen.getByTestId("workspace-connect"));
    await screen.findByTestId("workspace-disconnect");
    expect(screen.queryByTestId("workspace-copy-offer")).toBeNull();
  });

  it("shows a refused login with its hint and changes nothing", async () => {
    m.connectWorkspace.mockRejectedValue({
      code: "login_refused",
      message: "The workspace refused the login of dana.",
      hint: "Check the user name and password with whoever runs the workspace.",
    });
    const { onDatabaseChanged } = show();
    await fillIn();
    fireEvent.click(screen.getByTestId("workspace-connect"));
    const error = await screen.findByTestId("workspace-error");
    expect(error.textContent).toContain("refused the login");
    expect(within(error).getByTestId("error-hint").textContent).toBe("Check the user name and password with whoever runs the workspace.");
    expect(field("workspace-password").getAttribute("aria-invalid")).toBe("true");
    expect(field("workspace-password").value).toBe(PASSWORD);
    expect(onDatabaseChanged).not.toHaveBeenCalled();
    expect(screen.getByTestId("workspace-where").textContent).toContain("This computer's file");
  });

  it("keeps the address and name, never the password, while the user looks elsewhere", async () => {
    const first = show();
    await fillIn();
    first.unmount();
    show();
    await screen.findByTestId("workspace-address");
    expect(field("workspace-address").value).toBe(` ${ADDRESS} `);
    expect(field("workspace-name").value).toBe("Dana");
    expect(field("workspace-password").value).toBe("");
  });

  it("goes back to this computer's file after asking", async () => {
    m.workspaceStatus.mockResolvedValue(team);
    m.disconnectWorkspace.mockResolvedValue(local);
    const { onDatabaseChanged } = show();
    fireEvent.click(await screen.findByTestId("workspace-disconnect"));
    const dialog = screen.getByRole("dialog");
    expect(dialog.textContent).toContain(FILE);
    fireEvent.click(within(dialog).getByText("Cancel"));
    expect(m.disconnectWorkspace).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId("workspace-disconnect"));
    fireEvent.click(within(screen.getByRole("dialog")).getByText("Use this computer's file"));
    await waitFor(() => expect(screen.getByTestId("workspace-where").textContent).toContain("This computer's file"));
    expect(onDatabaseChanged).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("workspace-address")).toBeTruthy();
  });

  it("sets the name work is recorded under", async () => {
    m.workspaceStatus.mockResolvedValue(team);
    m.setDisplayName.mockResolvedValue({ ...team, display_name: "Dana Q", author: "Dana Q" });
    show();
    await screen.findByTestId("display-name");
    fireEvent.change(field("display-name"), { target: { value: "Dana Q" } });
    fireEvent.submit(field("display-name").closest("form")!);
    await waitFor(() => expect(screen.getByTestId("workspace-author").textContent).toBe("Dana Q"));
    expect(m.setDisplayName).toHaveBeenCalledWith("Dana Q");
  });

  it("says when PREFLIGHT_DB decides, and offers no switch", async () => {
    m.workspaceStatus.mockResolvedValue({ ...team, overridden: true });
    show();
    expect((await screen.findByTestId("workspace-overridden")).textContent).toContain("PREFLIGHT_DB");
    expect(screen.queryByTestId("workspace-address")).toBeNull();
    expect(screen.queryByTestId("workspace-disconnect")).toBeNull();
    expect(screen.getByTestId("display-name")).toBeTruthy();
  });

  it("lets the user reconnect or leave a workspace that cannot be opened", async () => {
    m.workspaceStatus.mockResolvedValue({
      ...team,
      error: { code: "server_unreachable", message: "The workspace at db.example cannot be reached.", hint: "Check the network." },
    });
    show();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("cannot be reached");
    expect(alert.textContent).toContain("Check the network.");
    expect(screen.getByTestId("workspace-address")).toBeTruthy();
    expect(screen.getByTestId("workspace-disconnect")).toBeTruthy();
  });

  it("leaves the error to a page that already shows it, keeping the ways out", async () => {
    m.workspaceStatus.mockResolvedValue({
      ...team,
      error: { code: "server_unreachable", message: "The workspace at db.example cannot be reached.", hint: "Check the network." },
    });
    render(
      <ToastProvider>
        <WorkspaceCard onDatabaseChanged={() => {}} errorShown />
      </ToastProvider>,
    );
    await screen.findByTestId("workspace-disconnect");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByTestId("workspace-address")).toBeTruthy();
  });
});
