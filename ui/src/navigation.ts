// What the window shell shares with its views: the areas of the sidebar, the theme choice and
// the progress of running audits. Views import these from here, never from App.
import type { RunPace } from "./bindings";

export type Section = "overview" | "clients" | "audits" | "changes" | "utm" | "logs" | "planner" | "robots" | "settings";
export type ThemeChoice = "system" | "light" | "dark";
export type RunningAudits = Record<
  number,
  { clientId: number; done: number; total: number; lastUrl: string | null; pace: RunPace | null }
>;
