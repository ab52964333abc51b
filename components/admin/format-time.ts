/** An ISO time as `2026-01-23 10:30:00.123 UTC`: the same on server and client, so hydration agrees. */
export function formatUtc(iso: string | null): string {
  if (!iso) return "—";
  return `${iso.replace("T", " ").replace("Z", "")} UTC`;
}
