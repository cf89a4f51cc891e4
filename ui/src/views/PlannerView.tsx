import { EmptyState } from "../components/Bits";

export function PlannerView() {
  return (
    <EmptyState title="ROAS planner">
      Plan what ChatGPT Ads are really worth: standard ROAS from the pixel, then the sales-cycle blind spot,
      cannibalization and the AI-visibility halo, with ranges. The planner is available from the command line
      (`preflight plan`) and arrives in the app next.
    </EmptyState>
  );
}
