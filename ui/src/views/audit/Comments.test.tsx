import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { Comment } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { formatDate } from "../../format";
import { REVISION_POLL_MS } from "../../revision";
import { COMMENT_MAX_CHARS, Comments } from "./Comments";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return {
    ...actual,
    api: { listComments: vi.fn(), addComment: vi.fn(), deleteComment: vi.fn(), restoreComment: vi.fn(), dataRevision: vi.fn() },
  };
});
const m = vi.mocked(api);

function comment(over: Partial<Comment> = {}): Comment {
  return { id: 1, run_id: 7, body: "Checked with the client.", created_at: "2026-11-25T10:00:00Z", created_by: "Dana", ...over };
}

function show() {
  render(
    <ToastProvider>
      <Comments auditId={7} />
    </ToastProvider>,
  );
}

const draft = () => screen.getByTestId("comment-draft") as HTMLTextAreaElement;
const addButton = () => screen.getByTestId("comment-add") as HTMLButtonElement;

beforeEach(() => {
  vi.resetAllMocks();
  m.listComments.mockResolvedValue([]);
  m.deleteComment.mockResolvedValue(undefined);
  m.restoreComment.mockResolvedValue(undefined);
  m.dataRevision.mockResolvedValue("r1");
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("Comments", () => {
  it("says there are none yet, and who sees the ones added", async () => {
    show();
    const empty = await screen.findByTestId("comments-empty");
    expect(empty.textContent).toBe("No comments yet. Notes you add here are shown to everyone who opens this audit.");
    expect(m.listComments).toHaveBeenCalledWith(7);
  });

  it("lists comments oldest first with who wrote them and when, as plain text with line breaks", async () => {
    m.listComments.mockResolvedValue([
      comment({ id: 3, body: "<b>bold?</b>\nsecond line", created_by: null, created_at: "2026-11-26T09:30:00Z" }),
      comment({ id: 2 }),
    ]);
    show();
    const items = await screen.findAllByTestId("comment");
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByTestId("comment-author").textContent).toBe("Dana");
    expect(items[0].textContent).toContain(formatDate("2026-11-25T10:00:00Z"));
    expect(within(items[1]).getByTestId("comment-author").textContent).toBe("Someone");
    const body = within(items[1]).getByTestId("comment-body");
    expect(body.textContent).toBe("<b>bold?</b>\nsecond line");
    expect(body.querySelector("b")).toBeNull();
  });

  it("adds a comment with the button and shows the list the store returns", async () => {
    m.addComment.mockResolvedValue([comment({ id: 4, body: "Firewall opened." })]);
    show();
    await screen.findByTestId("comments-empty");
    expect(addButton().disabled).toBe(true);
    fireEvent.change(draft(), { target: { value: "   " } });
    expect(addButton().disabled).toBe(true);
    fireEvent.change(draft(), { target: { value: "Firewall opened." } });
    expect(addButton().disabled).toBe(false);
    fireEvent.click(addButton());
    expect(await screen.findByText("Firewall opened.")).toBeTruthy();
    expect(m.addComment).toHaveBeenCalledWith(7, "Firewall opened.");
    expect(draft().value).toBe("");
    expect(screen.queryByTestId("comments-empty")).toBeNull();
  });

  it("adds with Ctrl+Enter (and Cmd+Enter), but plain Enter makes a new line", async () => {
    m.addComment.mockResolvedValue([comment()]);
    show();
    await screen.findByTestId("comments-empty");
    fireEvent.change(draft(), { target: { value: "Checked with the client." } });
    fireEvent.keyDown(draft(), { key: "Enter" });
    expect(m.addComment).not.toHaveBeenCalled();
    fireEvent.keyDown(draft(), { key: "Enter", ctrlKey: true });
    await screen.findByTestId("comment");
    expect(m.addComment).toHaveBeenCalledTimes(1);
    fireEvent.change(draft(), { target: { value: "Again." } });
    fireEvent.keyDown(draft(), { key: "Enter", metaKey: true });
    await waitFor(() => expect(m.addComment).toHaveBeenCalledTimes(2));
  });

  it("disables adding while saving", async () => {
    let finish: (c: Comment[]) => void = () => {};
    m.addComment.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    show();
    await screen.findByTestId("comments-empty");
    fireEvent.change(draft(), { target: { value: "One." } });
    fireEvent.click(addButton());
    await waitFor(() => expect(addButton().disabled).toBe(true));
    expect(addButton().textContent).toBe("Adding…");
    fireEvent.keyDown(draft(), { key: "Enter", ctrlKey: true });
    expect(m.addComment).toHaveBeenCalledTimes(1);
    await act(async () => finish([comment({ body: "One." })]));
    expect(addButton().textContent).toBe("Add comment");
  });

  it("counts down near the limit and refuses a comment over it", async () => {
    show();
    await screen.findByTestId("comments-empty");
    expect(screen.getByTestId("comment-count").textContent).toBe("Ctrl+Enter adds the comment.");
    fireEvent.change(draft(), { target: { value: "a".repeat(COMMENT_MAX_CHARS - 10) } });
    expect(screen.getByTestId("comment-count").textContent).toBe("10 characters left.");
    expect(addButton().disabled).toBe(false);
    fireEvent.change(draft(), { target: { value: "a".repeat(COMMENT_MAX_CHARS + 1) } });
    expect(screen.getByTestId("comment-count").textContent).toBe("1 character over the 4000-character limit.");
    expect(addButton().disabled).toBe(true);
    fireEvent.keyDown(draft(), { key: "Enter", ctrlKey: true });
    expect(m.addComment).not.toHaveBeenCalled();
  });

  it("shows the store's error with its hint and keeps the draft", async () => {
    m.addComment.mockRejectedValue({ code: "not_found", message: "Audit 7 was not found.", hint: "Someone may have deleted it." });
    show();
    await screen.findByTestId("comments-empty");
    fireEvent.change(draft(), { target: { value: "Too late." } });
    fireEvent.click(addButton());
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Audit 7 was not found.");
    expect(within(alert).getByTestId("error-hint").textContent).toBe("Someone may have deleted it.");
    expect(draft().value).toBe("Too late.");
  });

  it("deletes a comment and brings it back with Undo", async () => {
    m.listComments.mockResolvedValueOnce([comment({ id: 5 })]).mockResolvedValueOnce([]).mockResolvedValueOnce([comment({ id: 5 })]);
    show();
    fireEvent.click(await screen.findByTestId("comment-delete"));
    await screen.findByTestId("comments-empty");
    expect(m.deleteComment).toHaveBeenCalledWith(5);
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("Deleted the comment.");
    fireEvent.click(within(toast).getByText("Undo"));
    await screen.findByTestId("comment");
    expect(m.restoreComment).toHaveBeenCalledWith(5);
  });

  it("shows a colleague's new comment when the data changes, keeping the draft", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    m.listComments.mockResolvedValue([comment()]);
    show();
    await screen.findByText("Checked with the client.");
    await waitFor(() => expect(m.dataRevision).toHaveBeenCalled());
    fireEvent.change(draft(), { target: { value: "Half written" } });

    // Nothing moved: the list is not read again.
    await act(() => vi.advanceTimersByTimeAsync(REVISION_POLL_MS));
    expect(m.listComments).toHaveBeenCalledTimes(1);

    m.listComments.mockResolvedValue([comment(), comment({ id: 2, body: "Pixel fixed on Monday.", created_by: "Sam" })]);
    m.dataRevision.mockResolvedValue("r2");
    await act(() => vi.advanceTimersByTimeAsync(REVISION_POLL_MS));
    await screen.findByText("Pixel fixed on Monday.");
    expect(draft().value).toBe("Half written");
  });
});
