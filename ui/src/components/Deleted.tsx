// What a view shows when the client or audit it shows is gone: in a team workspace a colleague
// may delete it while it is open here.
import { EmptyState } from "./Bits";

export function Deleted(props: { title: string; backLabel: string; onBack: () => void }) {
  return (
    <div data-testid="deleted-notice" role="status">
      <EmptyState
        title={props.title}
        action={
          <button className="button" data-testid="deleted-back" onClick={props.onBack}>
            {props.backLabel}
          </button>
        }
      >
        Someone deleted it, perhaps a colleague working in the same workspace.
      </EmptyState>
    </div>
  );
}
