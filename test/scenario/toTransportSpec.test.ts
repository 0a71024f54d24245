// toTransportSpec merges the scenario's and a workload's transport keys and refuses tcp options on other models.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { toTransportSpec } from "../../src/scenario/toTransportSpec.js";
import { TCP_DEFAULTS } from "../../src/transport/TransportSpec.js";

describe("toTransportSpec(file, layers)", () => {
  it("defaults to maxmin", () => {
    expect(toTransportSpec("s.yaml", [{ keyPath: "transport", transport: undefined }])).toEqual({ model: "maxmin" });
  });

  it("fills tcp defaults and lets a workload's keys override the scenario's", () => {
    const spec = toTransportSpec("s.yaml", [
      { keyPath: "transport", transport: { model: "tcp", handshake: "tls1.2" } },
      { keyPath: "workloads[0].transfer.transport", transport: { persistent: true, window: 65_536 } },
    ]);
    expect(spec).toEqual({ ...TCP_DEFAULTS, handshake: "tls1.2", persistent: true, windowBytes: 65_536 });
  });

  it("lets a workload switch model", () => {
    const spec = toTransportSpec("s.yaml", [
      { keyPath: "transport", transport: { model: "tcp", handshake: "tls1.2" } },
      { keyPath: "workloads[0].transfer.transport", transport: { model: "rdma" } },
    ]);
    expect(spec).toEqual({ model: "rdma" });
  });

  it("refuses tcp options where the model is not tcp, naming the key", () => {
    const call = () =>
      toTransportSpec("s.yaml", [
        { keyPath: "transport", transport: undefined },
        { keyPath: "workloads[1].traffic.transport", transport: { persistent: true } },
      ]);
    expect(call).toThrow(InputError);
    expect(call).toThrow('s.yaml: workloads[1].traffic.transport.persistent: applies to model "tcp" only, but the model here is "maxmin"');
  });
});
