import { EmptyState } from "../components/Bits";

// Readiness across clients: which have blocking problems right now.
export function OverviewView(_props: { onOpenAudit: (id: number) => void; onOpenClient: (id: number) => void; refreshKey: number }) {
  return <EmptyState title="Overview">Readiness across clients appears here.</EmptyState>;
}
