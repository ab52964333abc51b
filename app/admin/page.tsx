import { redirect } from "next/navigation";
import { adminPageIdentity } from "@/server/admin/admin-page";

export const dynamic = "force-dynamic";

export default async function AdminHome() {
  await adminPageIdentity();
  redirect("/admin/deliveries");
}
