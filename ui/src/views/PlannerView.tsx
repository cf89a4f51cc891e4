import { EmptyState } from "../components/Bits";

// The ROAS planner: four layers with uncertainty, scenarios saved per client.
export function PlannerView(_props: { clientId: number | null; onSelectClient: (id: number) => void }) {
  return <EmptyState title="ROAS planner">Plan what ChatGPT Ads are really worth.</EmptyState>;
}
