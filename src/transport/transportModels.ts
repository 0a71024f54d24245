// transportModels: the registry of transport models by name — adding a model is one folder and one line here.
import { maxminModel, maxminRttModel, rdmaModel } from "./fluid/fluidModels.js";
import { tcpModel } from "./tcp/tcpModel.js";
import type { TransportModel } from "./Transport.js";
import type { TransportSpec } from "./TransportSpec.js";

/** Every transport model, by the name scenarios give it. */
export const TRANSPORT_MODEL_REGISTRY: Readonly<Record<TransportSpec["model"], TransportModel>> = {
  maxmin: maxminModel,
  "maxmin-rtt": maxminRttModel,
  tcp: tcpModel,
  rdma: rdmaModel,
};
