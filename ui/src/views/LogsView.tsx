import { EmptyState } from "../components/Bits";

// Access-log evidence: what the real OAI-AdsBot received, per client.
export function LogsView(_props: { clientId: number | null; onSelectClient: (id: number) => void }) {
  return <EmptyState title="Access logs">Import a server access log here.</EmptyState>;
}
