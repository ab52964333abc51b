import Link from "next/link";

/** What a signed-in non-admin sees on any admin page. */
export function AdminForbidden() {
  return (
    <section className="card admin-forbidden" aria-labelledby="forbidden-heading" data-testid="admin-forbidden">
      <h1 id="forbidden-heading">403 – admins only</h1>
      <p>This console is for administrators. Your account does not have the admin role.</p>
      <p>
        <Link href="/">Back to your signals</Link>
      </p>
    </section>
  );
}
