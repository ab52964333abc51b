/** 14:05:09 in the browser's time zone: short enough for a table cell; "—" for a time that has not happened. */
export function clockTime(iso: string | null): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
}
