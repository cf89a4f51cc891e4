import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ErrorBanner } from "./Bits";

afterEach(cleanup);

describe("ErrorBanner", () => {
  it("shows the hint under the message when there is one", () => {
    render(<ErrorBanner message="The database is busy." hint="Wait for the other Preflight window to finish, then try again." />);
    expect(screen.getByRole("alert").textContent).toContain("The database is busy.");
    expect(screen.getByTestId("error-hint").textContent).toBe("Wait for the other Preflight window to finish, then try again.");
  });

  it("shows the message alone without a hint", () => {
    render(<ErrorBanner message="Something failed." />);
    expect(screen.getByRole("alert").textContent).toBe("Something failed.");
    expect(screen.queryByTestId("error-hint")).toBeNull();
  });
});
