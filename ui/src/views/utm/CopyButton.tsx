// Copies a value to the clipboard and says so in a toast.
import { useToast } from "../../components/Toast";
import { copyText } from "./model";

export function CopyButton(props: { text: string; label?: string; done: string; ariaLabel?: string; testId?: string; primary?: boolean; disabled?: boolean }) {
  const toast = useToast();
  return (
    <button
      className={`button button-small ${props.primary ? "button-primary" : ""}`}
      data-testid={props.testId}
      aria-label={props.ariaLabel}
      disabled={props.disabled}
      onClick={async () => {
        if (await copyText(props.text)) toast(props.done);
        else toast("Could not copy: the clipboard is not available. Select the text and copy it by hand.", { tone: "error" });
      }}
    >
      {props.label ?? "Copy"}
    </button>
  );
}
