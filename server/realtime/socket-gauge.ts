import { Gauge, type Registry } from "prom-client";
import type { SignalDeskIo } from "./socket-types";

/** Open Engine.IO connections on this node (authenticated or still in the handshake): a leak shows here. */
export function registerSocketGauge(io: SignalDeskIo, registry: Registry): void {
  new Gauge({
    name: "signal_desk_socket_connections",
    help: "Open Socket.IO connections on this node, including ones still in the handshake",
    registers: [registry],
    collect() {
      this.set(io.engine.clientsCount);
    },
  });
}
