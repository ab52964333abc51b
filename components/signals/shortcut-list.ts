/** The desk's keyboard shortcuts, as the help overlay and the README list them. */
export const SHORTCUTS = [
  { keys: ["T"], action: "Take the signal: the focused or selected one, else the newest open one" },
  { keys: ["S"], action: "Skip it (same signal as T)" },
  { keys: ["J"], action: "Select the next (older) open signal" },
  { keys: ["K"], action: "Select the previous (newer) open signal" },
  { keys: ["Esc"], action: "Dismiss the focused toast, else the newest one" },
  { keys: ["?"], action: "Show or hide this list" },
] as const;
