import { SignalQueue } from "@/components/signal-queue";

export default function DashboardPage() {
  return <SignalQueue />;
}
