// queueClassOf: how a port's queue model counts a tcp flow, from its congestion control.
import { QueueClass } from "../../net/queues/QueueClass.js";
import type { TcpOptions } from "../TransportSpec.js";

/** The {@link QueueClass} of a flow with tcp options `o`: DCTCP, NewReno or Cubic. */
export function queueClassOf(o: TcpOptions): QueueClass {
  return o.cc === "dctcp" ? QueueClass.Dctcp : o.cc === "newreno" ? QueueClass.NewReno : QueueClass.Cubic;
}
