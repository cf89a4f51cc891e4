// Accessible tabs: arrow keys, Home and End move between tabs, as in any desktop app.
import { useRef, type KeyboardEvent } from "react";

export type TabDef<T extends string> = { id: T; label: string };

export function Tabs<T extends string>(props: {
  label: string;
  idPrefix: string;
  tabs: TabDef<T>[];
  active: T;
  onChange: (id: T) => void;
  className?: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const n = props.tabs.length;
    let next = -1;
    if (e.key === "ArrowRight") next = (i + 1) % n;
    else if (e.key === "ArrowLeft") next = (i - 1 + n) % n;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = n - 1;
    if (next < 0) return;
    e.preventDefault();
    props.onChange(props.tabs[next].id);
    refs.current[next]?.focus();
  };
  return (
    <div className={`utm-tabs ${props.className ?? ""}`} role="tablist" aria-label={props.label}>
      {props.tabs.map((t, i) => {
        const selected = t.id === props.active;
        return (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="tab"
            id={`${props.idPrefix}-tab-${t.id}`}
            aria-controls={`${props.idPrefix}-panel-${t.id}`}
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            className={selected ? "active" : ""}
            onClick={() => props.onChange(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}

export function TabPanel(props: { idPrefix: string; id: string; active: boolean; children: React.ReactNode }) {
  return (
    <div
      role="tabpanel"
      id={`${props.idPrefix}-panel-${props.id}`}
      aria-labelledby={`${props.idPrefix}-tab-${props.id}`}
      hidden={!props.active}
      className="utm-tabpanel"
    >
      {props.children}
    </div>
  );
}
