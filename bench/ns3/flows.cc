// flows.cc: replay a chokepoint flow case (plain-text, written by bench/ns3/cases.ts) packet by packet in ns-3 3.37, TCP Cubic.
//
// Usage: bench/ns3/flows CASE.txt OUT.csv
//
// Case format, one directive per line ('#' starts a comment, fields separated by spaces):
//   option KEY VALUE                       sockbuf (bytes, default 16 MiB), minrto (s, default 0.2),
//                                          segsize (bytes, default 1448), iw (segments, default 10),
//                                          stop (s, hard stop of the simulation, default 1000)
//   node NAME
//   link A B RATE_BPS DELAY_S QUEUE_PACKETS  full-duplex point-to-point link, bits/s, one-way delay,
//                                          drop-tail device queue of QUEUE_PACKETS per direction
//   flow ID SRC DST SIZE_BYTES START_S NEW  one TCP connection moving SIZE_BYTES from SRC to DST,
//                                          opened at START_S (NEW must be 1: every flow opens its own
//                                          connection, with its 3-way handshake)
//
// Output: OUT.csv with `id,start_s,finish_s` (finish = time the sink received the last byte;
// empty finish_s if the flow did not complete before the stop time), and OUT.csv.json with
// {"wall_s", "flows", "completed", "sim_end_s"}.
//
// Model: routes from Ipv4GlobalRoutingHelper (shortest paths by hop count), no queue disc
// (the device's DropTailQueue is the only queue), TCP Cubic, SACK and timestamps on (ns-3
// defaults), delayed ACK every 2 segments (ns-3 default), MinRto 200 ms like Linux.
#include <ns3/applications-module.h>
#include <ns3/core-module.h>
#include <ns3/internet-module.h>
#include <ns3/network-module.h>
#include <ns3/point-to-point-module.h>
#include <ns3/traffic-control-module.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace {

struct LinkSpec {
  std::string a, b;
  double rateBps, delayS;
  uint32_t queuePackets;
};

struct FlowSpec {
  std::string id, src, dst;
  uint64_t sizeBytes;
  double startS;
  uint64_t received = 0;
  double finishS = -1;
};

std::vector<FlowSpec> g_flows;
size_t g_completed = 0;

[[noreturn]] void fail(const std::string& msg) {
  std::cerr << "flows: " << msg << std::endl;
  std::exit(2);
}

// Count bytes delivered to flow i's sink; the flow finishes when the last byte arrives.
void onSinkRx(size_t i, Ptr<const Packet> p, const Address&) {
  FlowSpec& f = g_flows[i];
  f.received += p->GetSize();
  if (f.finishS < 0 && f.received >= f.sizeBytes) {
    f.finishS = Simulator::Now().GetSeconds();
    if (++g_completed == g_flows.size()) Simulator::Stop();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) fail("usage: flows CASE.txt OUT.csv");
  std::ifstream in(argv[1]);
  if (!in) fail(std::string("cannot read ") + argv[1]);

  std::map<std::string, double> options = {
      {"sockbuf", 16.0 * 1024 * 1024}, {"minrto", 0.2}, {"segsize", 1448}, {"iw", 10}, {"stop", 1000}};
  std::vector<std::string> nodeNames;
  std::map<std::string, uint32_t> nodeIndex;
  std::vector<LinkSpec> links;
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    std::istringstream ss(line);
    std::string kind;
    if (!(ss >> kind)) continue;
    std::string where = std::string(argv[1]) + ":" + std::to_string(lineNo);
    if (kind == "option") {
      std::string key;
      double value;
      if (!(ss >> key >> value) || !options.count(key)) fail(where + ": expected `option KEY VALUE` with a known KEY");
      options[key] = value;
    } else if (kind == "node") {
      std::string name;
      if (!(ss >> name)) fail(where + ": expected `node NAME`");
      if (nodeIndex.count(name)) fail(where + ": node " + name + " defined twice");
      nodeIndex[name] = nodeNames.size();
      nodeNames.push_back(name);
    } else if (kind == "link") {
      LinkSpec l;
      if (!(ss >> l.a >> l.b >> l.rateBps >> l.delayS >> l.queuePackets)) fail(where + ": expected `link A B RATE_BPS DELAY_S QUEUE_PACKETS`");
      if (!nodeIndex.count(l.a) || !nodeIndex.count(l.b)) fail(where + ": link between unknown nodes");
      links.push_back(l);
    } else if (kind == "flow") {
      FlowSpec f;
      int isNew;
      if (!(ss >> f.id >> f.src >> f.dst >> f.sizeBytes >> f.startS >> isNew)) fail(where + ": expected `flow ID SRC DST SIZE_BYTES START_S NEW`");
      if (!nodeIndex.count(f.src) || !nodeIndex.count(f.dst)) fail(where + ": flow between unknown nodes");
      if (isNew != 1) fail(where + ": only new connections (NEW = 1) are modelled");
      if (f.sizeBytes == 0) fail(where + ": a flow moves at least one byte");
      g_flows.push_back(f);
    } else {
      fail(where + ": unknown directive " + kind + " (expected option, node, link or flow)");
    }
  }
  if (g_flows.size() > 50000) fail("at most 50000 flows (one sink port each)");

  auto wallStart = std::chrono::steady_clock::now();
  const uint32_t sockbuf = static_cast<uint32_t>(options["sockbuf"]);
  Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TcpCubic::GetTypeId()));
  Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(static_cast<uint32_t>(options["segsize"])));
  Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(static_cast<uint32_t>(options["iw"])));
  Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(sockbuf));
  Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(sockbuf));
  Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(Seconds(options["minrto"])));
  Config::SetDefault("ns3::TcpSocketBase::ClockGranularity", TimeValue(MilliSeconds(1)));

  NodeContainer nodes;
  nodes.Create(nodeNames.size());
  InternetStackHelper stack;
  stack.Install(nodes);

  Ipv4AddressHelper addr;
  addr.SetBase("10.0.0.0", "255.255.255.252");
  TrafficControlHelper tch;
  for (const LinkSpec& l : links) {
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate(static_cast<uint64_t>(l.rateBps))));
    p2p.SetChannelAttribute("Delay", TimeValue(Seconds(l.delayS)));
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", QueueSizeValue(QueueSize(std::to_string(l.queuePackets) + "p")));
    NetDeviceContainer devs = p2p.Install(nodes.Get(nodeIndex[l.a]), nodes.Get(nodeIndex[l.b]));
    addr.Assign(devs);
    addr.NewNetwork();
    // Assign installs a default pfifo_fast queue disc; drop it so the device's drop-tail queue is the only one.
    tch.Uninstall(devs);
  }
  Ipv4GlobalRoutingHelper::PopulateRoutingTables();

  for (size_t i = 0; i < g_flows.size(); ++i) {
    const FlowSpec& f = g_flows[i];
    Ptr<Node> src = nodes.Get(nodeIndex[f.src]);
    Ptr<Node> dst = nodes.Get(nodeIndex[f.dst]);
    uint16_t port = static_cast<uint16_t>(10000 + i);
    Ipv4Address dstAddr = dst->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();

    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sink = sinkHelper.Install(dst);
    sink.Start(Seconds(0));
    sink.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&onSinkRx, i));

    BulkSendHelper send("ns3::TcpSocketFactory", InetSocketAddress(dstAddr, port));
    send.SetAttribute("MaxBytes", UintegerValue(f.sizeBytes));
    send.SetAttribute("SendSize", UintegerValue(64 * 1024));
    ApplicationContainer app = send.Install(src);
    app.Start(Seconds(f.startS));
  }

  const double stopS = options["stop"];
  Simulator::Stop(Seconds(stopS));
  Simulator::Run();
  const double simEndS = Simulator::Now().GetSeconds();
  Simulator::Destroy();
  const double wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

  const std::string outPath = argv[2];
  FILE* out = std::fopen(outPath.c_str(), "w");
  if (!out) fail("cannot write " + outPath);
  std::fprintf(out, "id,start_s,finish_s\n");
  for (const FlowSpec& f : g_flows) {
    if (f.finishS >= 0) std::fprintf(out, "%s,%.17g,%.17g\n", f.id.c_str(), f.startS, f.finishS);
    else std::fprintf(out, "%s,%.17g,\n", f.id.c_str(), f.startS);
  }
  std::fclose(out);
  FILE* stats = std::fopen((outPath + ".json").c_str(), "w");
  if (!stats) fail("cannot write " + outPath + ".json");
  std::fprintf(stats, "{\"wall_s\": %.6f, \"flows\": %zu, \"completed\": %zu, \"sim_end_s\": %.9g}\n", wallS, g_flows.size(), g_completed, simEndS);
  std::fclose(stats);
  std::cerr << "flows: " << g_completed << "/" << g_flows.size() << " flows completed, simulated " << simEndS << " s in " << wallS << " s wall" << std::endl;
  return g_completed == g_flows.size() ? 0 : 1;
}
