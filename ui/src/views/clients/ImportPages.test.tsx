import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { ColumnCandidate, PagesPreview } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { forgetAllKept } from "../../keep";
import { ImportPages } from "./ImportPages";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return {
    ...actual,
    api: {
      previewSitemapPages: vi.fn(),
      previewSitemapFilePages: vi.fn(),
      previewExportPages: vi.fn(),
      addPreviewedPages: vi.fn(),
    },
  };
});
const m = vi.mocked(api);

function preview(over: Partial<PagesPreview> = {}): PagesPreview {
  return {
    source: "https://shop.example.com/sitemap.xml",
    new_pages: [
      { url: "https://shop.example.com/a", place: "Line 3" },
      { url: "https://shop.example.com/b", place: "Line 4" },
    ],
    not_kept: 0,
    already_added: ["https://shop.example.com/old"],
    repeated: [{ url: "https://shop.example.com/a", repeats: 2 }],
    repeated_not_listed: 0,
    skipped: [{ place: "Line 9", text: "ftp://shop.example.com/f", reason: "Only web pages (http or https) can be audited." }],
    skipped_not_listed: 0,
    notes: [],
    columns: null,
    ...over,
  };
}

const candidate = (index: number, header: string, samples: string[]): ColumnCandidate => ({
  index,
  header,
  score: 0.2,
  header_score: 0,
  content_score: 0.3,
  samples,
});

function show(onAdded = vi.fn()) {
  render(
    <ToastProvider>
      <ImportPages clientId={7} onAdded={onAdded} />
    </ToastProvider>,
  );
  return onAdded;
}

beforeEach(() => {
  vi.resetAllMocks();
  forgetAllKept();
});
afterEach(cleanup);

describe("ImportPages", () => {
  it("previews a sitemap: new pages listed, the rest folded with counts, then adds only the new pages", async () => {
    m.previewSitemapPages.mockResolvedValue(preview());
    m.addPreviewedPages.mockResolvedValue({ added: [], already_present: [] });
    const onAdded = show();
    fireEvent.click(screen.getByTestId("import-sitemap"));
    fireEvent.change(screen.getByTestId("import-sitemap-url"), { target: { value: " https://shop.example.com/sitemap.xml " } });
    fireEvent.click(screen.getByTestId("import-sitemap-read"));

    const panel = await screen.findByTestId("import-preview");
    expect(m.previewSitemapPages).toHaveBeenCalledWith(7, "https://shop.example.com/sitemap.xml");
    expect(panel.textContent).toContain("2 new pages");
    const listed = within(screen.getByTestId("import-new")).getAllByRole("listitem").map((li) => li.textContent);
    expect(listed).toEqual(["https://shop.example.com/a", "https://shop.example.com/b"]);
    expect(within(screen.getByTestId("import-already")).getByText("1 page is already in this client")).toBeTruthy();
    expect(screen.getByTestId("import-repeated").textContent).toContain("1 address is listed more than once: each is added once");
    expect(screen.getByTestId("import-repeated").textContent).toContain("3 times");
    const skipped = screen.getByTestId("import-skipped-entry").textContent;
    expect(skipped).toBe("Line 9: ftp://shop.example.com/f — Only web pages (http or https) can be audited.");
    // Folded until opened.
    expect((screen.getByTestId("import-already") as HTMLDetailsElement).open).toBe(false);

    fireEvent.click(screen.getByTestId("import-add"));
    await waitFor(() => expect(m.addPreviewedPages).toHaveBeenCalledWith(7, ["https://shop.example.com/a", "https://shop.example.com/b"]));
    await waitFor(() => expect(onAdded).toHaveBeenCalled());
    expect(screen.queryByTestId("import-preview")).toBeNull();
  });

  it("says how many pages were kept from a huge sitemap", async () => {
    m.previewSitemapPages.mockResolvedValue(
      preview({ not_kept: 500, notes: ["1500 new pages were found; the first 1000 are kept. Add the rest in another import, or keep only the pages your ads point to."] }),
    );
    show();
    fireEvent.click(screen.getByTestId("import-sitemap"));
    fireEvent.change(screen.getByTestId("import-sitemap-url"), { target: { value: "https://shop.example.com/sitemap.xml" } });
    fireEvent.click(screen.getByTestId("import-sitemap-read"));
    expect((await screen.findByTestId("import-note")).textContent).toContain("the first 1000 are kept");
  });

  it("shows why a sitemap could not be read, with what to do, and offers nothing to add", async () => {
    m.previewSitemapPages.mockRejectedValue({
      code: "invalid_sitemap",
      message: "https://shop.example.com/ is a web page (HTML), not a sitemap; nothing was added.",
      hint: "Check that the file or address is an XML sitemap, such as sitemap.xml or sitemap.xml.gz.",
    });
    show();
    fireEvent.click(screen.getByTestId("import-sitemap"));
    fireEvent.change(screen.getByTestId("import-sitemap-url"), { target: { value: "https://shop.example.com/" } });
    fireEvent.click(screen.getByTestId("import-sitemap-read"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("is a web page (HTML), not a sitemap");
    expect(alert.textContent).toContain("Check that the file or address is an XML sitemap");
    expect(screen.queryByTestId("import-add")).toBeNull();
  });

  it("asks which column holds the addresses when the export has no clear URL column, and reads the chosen one", async () => {
    const columns = {
      candidates: [candidate(0, "Campaign", ["Spring"]), candidate(2, "Where", ["shop.example.com/a"])],
      column: null,
    };
    m.previewExportPages
      .mockResolvedValueOnce(preview({ source: "ads.csv", new_pages: [], already_added: [], repeated: [], skipped: [], columns }))
      .mockResolvedValueOnce(preview({ source: "ads.csv", columns: { ...columns, column: 2 } }));
    show();
    fireEvent.click(screen.getByTestId("import-export"));
    const file = new File(["Campaign,Clicks,Where\nSpring,10,shop.example.com/a\n"], "ads.csv", { type: "text/csv" });
    fireEvent.change(screen.getByTestId("import-export-file"), { target: { files: [file] } });

    const picker = await screen.findByTestId("import-columns");
    expect(picker.textContent).toContain("Which column holds the landing-page addresses?");
    expect(screen.getByTestId("import-preview").textContent).toContain("ads.csv: choose the column to read.");
    expect((screen.getByTestId("import-add") as HTMLButtonElement).disabled).toBe(true);
    const [clientId, bytes, fileName, column] = m.previewExportPages.mock.calls[0];
    expect([clientId, fileName, column]).toEqual([7, "ads.csv", undefined]);
    expect(bytes).toBeInstanceOf(Uint8Array);

    fireEvent.click(within(picker).getByLabelText(/C · Where/));
    fireEvent.click(screen.getByTestId("import-use-column"));
    await waitFor(() => expect(m.previewExportPages).toHaveBeenCalledTimes(2));
    expect(m.previewExportPages.mock.calls[1][3]).toBe(2);
    expect((await screen.findByTestId("import-column-in-use")).textContent).toContain("C · Where");
    expect(screen.queryByTestId("import-columns")).toBeNull();
    expect((screen.getByTestId("import-add") as HTMLButtonElement).textContent).toBe("Add 2 pages");
  });

  it("lets the user change a detected column", async () => {
    const columns = {
      candidates: [candidate(2, "Final URL", ["https://shop.example.com/a"]), candidate(3, "Display URL", ["shop.example.com"])],
      column: 2,
    };
    m.previewExportPages.mockResolvedValue(preview({ source: "ads.csv", columns }));
    show();
    fireEvent.click(screen.getByTestId("import-export"));
    fireEvent.change(screen.getByTestId("import-export-file"), { target: { files: [new File(["x"], "ads.csv")] } });
    expect((await screen.findByTestId("import-column-in-use")).textContent).toContain("C · Final URL");
    fireEvent.click(screen.getByTestId("import-change-column"));
    const picker = screen.getByTestId("import-columns");
    expect((screen.getByTestId("import-use-column") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(picker).getByLabelText(/D · Display URL/));
    fireEvent.click(screen.getByTestId("import-use-column"));
    await waitFor(() => expect(m.previewExportPages.mock.calls[1]?.[3]).toBe(3));
  });

  it("keeps the preview when the user leaves the client page and comes back", async () => {
    m.previewSitemapPages.mockResolvedValue(preview());
    show();
    fireEvent.click(screen.getByTestId("import-sitemap"));
    fireEvent.change(screen.getByTestId("import-sitemap-url"), { target: { value: "https://shop.example.com/sitemap.xml" } });
    fireEvent.click(screen.getByTestId("import-sitemap-read"));
    await screen.findByTestId("import-preview");
    cleanup();
    show();
    expect(screen.getByTestId("import-preview").textContent).toContain("2 new pages");
  });
});
