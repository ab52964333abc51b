import { AdminForbidden } from "@/components/admin/admin-forbidden";

/** Rendered with status 403 wherever a page calls forbidden(): today, a trader on an admin page. */
export default function Forbidden() {
  return (
    <main className="desk">
      <AdminForbidden />
    </main>
  );
}
