// The colour of a change's direction; its words (and its kind's) come from the engine.
import type { Direction } from "../../bindings";
import type { Tone } from "../../format";

export const DIRECTION_TONE: Record<Direction, Tone> = {
  worse: "bad",
  better: "good",
  different: "warn",
};
