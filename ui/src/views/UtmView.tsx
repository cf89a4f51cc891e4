import { EmptyState } from "../components/Bits";

// UTM hygiene: check tagged URLs, preview GA4 channels, build a consistent scheme.
export function UtmView() {
  return <EmptyState title="UTM hygiene">Check tagged URLs here.</EmptyState>;
}
