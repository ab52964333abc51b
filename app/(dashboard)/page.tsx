import { SignalQueue } from "@/components/signals/signal-queue";

export default function DashboardPage() {
  return (
    <>
      {/* The page's name for screen readers and outlines; the header already says where the trader is. */}
      <h1 className="sr-only">Signals</h1>
      <SignalQueue />
    </>
  );
}
