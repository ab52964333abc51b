import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { currentIdentity } from "@/server/http/page-session";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await currentIdentity()) redirect("/");
  return (
    <main className="login-page">
      <h1>Signal Desk</h1>
      <p className="muted">Real-time Wyckoff signals, sized to your account.</p>
      <LoginForm />
    </main>
  );
}
