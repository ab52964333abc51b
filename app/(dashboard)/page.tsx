import { SignalQueue } from "@/components/signals/signal-queue";

export default function DashboardPage() {
  return <SignalQueue />;
}
