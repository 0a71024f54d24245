// flows.cc: replay a chokepoint flow case (plain-text, written by bench/ns3/cases.ts) packet by packet in ns-3 3.37 (Cubic, NewReno or DCTCP).
//
// Usage: flows CASE.txt OUT.csv
//
// Case format, one directive per line ('#' starts a comment, fields separated by spaces):
//   option KEY VALUE                       sockbuf (bytes, default 16 MiB), minrto (s, default 0.2),
//                                          segsize (bytes, default 1448), iw (segments, default 10),
//                                          stop (s, hard stop of the simulation, default 1000),
//                                          synto (s, SYN retransmission timeout, default 1 like Linux),
//                                          delack (segments per delayed ACK, default 2),
//                                          ecnk (packets: DCTCP marking threshold K; 0 = no ECN, default 0),
//                                          tracecwnd (1: write OUT.csv.cwnd.csv, each flow's window at every 10 % move),
//                                          tracequeue (1: write OUT.csv.queue.csv, each port's queue at every 50 packets crossed),
//                                          tracelosses (1: count drop-tail losses in OUT.links.csv; see below),
//                                          tracestates (1: write OUT.csv.states.csv, each flow's congestion-state
//                                          changes with its window then: fast recoveries, their exits, timeouts),
//                                          tracedrops (1: write OUT.csv.drops.csv, every packet a drop-tail device
//                                          queue drops: its flow, sequence number and payload; implies tracelosses;
//                                          with ecnk, every packet the marking queue disc drops),
//                                          tracetx (1: write OUT.csv.tx.csv, every data segment each sender sends:
//                                          time, flow, sequence number, payload — retransmissions show as repeats),
//                                          tracealpha (1: write OUT.csv.alpha.csv, every update of a DCTCP sender's α:
//                                          time, flow, bytes acknowledged with ECE and in all over the window, α),
//                                          tracesample (s: write OUT.csv.levels.csv, every channel's queue in packets
//                                          sampled every this many seconds from 0; default 0, off),
//                                          tracepkts (bytes: write OUT.csv.pkts.csv, a row for every packet of each flow
//                                          smaller than this — SYN, SYN-ACK, data, ACK, FIN — at every port it enters:
//                                          the queue it found there, in packets and bytes, and the flows that queue
//                                          held; default 0, off; see traceEnter),
//                                          jitter (s: each flow starts at START_S + U[0, jitter), drawn in the
//                                          file's order from ns-3's generator; default 0, no draw at all),
//                                          rngrun (ns-3's RngRun for those draws, default 1; without jitter nothing
//                                          in a replay is random, so it changes nothing)
//   option cc NAME                         cubic (default), newreno or dctcp
//   node NAME
//   link A B RATE_BPS DELAY_S QUEUE_PACKETS  full-duplex point-to-point link, bits/s, one-way delay,
//                                          QUEUE_PACKETS of buffer per direction
//   flow ID SRC DST SIZE_BYTES START_S NEW [PATH]
//                                          one TCP connection moving SIZE_BYTES from SRC to DST, opened
//                                          at START_S (NEW must be 1: every flow opens its own connection,
//                                          with its 3-way handshake). PATH, optional, pins the data path:
//                                          comma-separated nodes from SRC to DST (ACKs follow shortest paths).
//
// Output: OUT.csv with `id,start_s,finish_s,recoveries,timeouts,established_s,marks,mark_cuts,ack_marks` (start = START_S plus its
// jitter; finish = time the sink received the last byte, empty if the flow did not complete before the stop time; recoveries =
// entries into fast recovery, timeouts = entries into the loss state after a retransmission timeout, which a lost SYN or
// SYN-ACK is not; established = when the sender's socket reached ESTABLISHED, empty if it never did; marks = the flow's
// packets towards its sink that a marking disc set CE on, counted at every port that marked one, as links.csv counts them —
// 0 without `ecnk`; mark_cuts = the sender's entries into CWR, each a window cut for ECE, TcpDctcp::GetSsThresh's
// (1 − α/2); ack_marks = the flow's packets towards its sender (ACKs, the SYN-ACK) a disc set CE on: marks + ack_marks over
// the flows add up to links.csv's marks; the last three columns came last so that readers of the earlier six read new
// outputs as before), OUT.links.csv with
// one row per directed channel `from,to,mean_queue_packets,p99_queue_packets,max_queue_packets,drops,marks`
// (time-weighted over [0, end of simulation]), and OUT.csv.json with {"wall_s", "flows", "completed", "sim_end_s"}.
//
// Model: without ECN, the device's drop-tail queue of QUEUE_PACKETS is the only queue (the default
// pfifo_fast queue disc is removed). With `ecnk` > 0 every port gets a DCTCP marking queue disc
// (EcnThresholdQueueDisc below: CE on ECN-capable packets arriving at K or more queued, drops only
// when QUEUE_PACKETS are queued) over a one-packet device queue. Routes: Ipv4GlobalRoutingHelper
// (shortest paths by hop count); a pinned PATH gives the flow its own destination address (an alias
// on the receiver) with a static host route at every hop. SACK and timestamps on (ns-3 defaults),
// delayed ACK every `delack` segments, MinRto `minrto`.
//
// Drop-tail losses: with flow control on (PointToPointHelper's default) a full device queue is
// stopped and the traffic-control layer drops the next packet itself (TrafficControlLayer's "Drop",
// which names no device), so the device queue's Drop trace never fires and links.csv showed 0 drops
// on every drop-tail port. `tracelosses 1` (without ecnk) turns the devices' flow control off: the
// packet then reaches the device's DropTailQueue, which drops it (DropBeforeEnqueue, traced below) on
// exactly the same test — a stopped queue is one whose next packet would overflow it, the test
// DropTailQueue applies on enqueue — so the dynamics are unchanged (same flows CSV) and the drops are
// counted per channel. With ecnk the queue disc counts its drops and flow control must stay on.
#include <ns3/applications-module.h>
#include <ns3/core-module.h>
#include <ns3/internet-module.h>
#include <ns3/network-module.h>
#include <ns3/point-to-point-module.h>
#include <ns3/traffic-control-module.h>
#include <ns3/ppp-header.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

// A DCTCP switch port (Alizadeh et al. 2010; RFC 8257 §3.1): a FIFO of MaxSize packets that sets CE on
// every ECN-capable packet arriving while K or more packets are queued; packets that are not ECN-capable
// (retransmissions, pure ACKs) are never dropped early, only when the buffer is full. ns-3's RedQueueDisc
// with MinTh = MaxTh = K would drop those at K instead, which stalls flows whose retransmissions keep
// meeting a queue above K.
class EcnThresholdQueueDisc : public QueueDisc {
 public:
  static TypeId GetTypeId() {
    static TypeId tid = TypeId("ns3::ChokepointEcnThresholdQueueDisc")
                            .SetParent<QueueDisc>()
                            .SetGroupName("TrafficControl")
                            .AddConstructor<EcnThresholdQueueDisc>()
                            .AddAttribute("MaxSize", "The buffer", QueueSizeValue(QueueSize("1000p")),
                                          MakeQueueSizeAccessor(&QueueDisc::SetMaxSize, &QueueDisc::GetMaxSize), MakeQueueSizeChecker())
                            .AddAttribute("K", "Marking threshold, packets", UintegerValue(20),
                                          MakeUintegerAccessor(&EcnThresholdQueueDisc::m_k), MakeUintegerChecker<uint32_t>());
    return tid;
  }
  EcnThresholdQueueDisc() : QueueDisc(QueueDiscSizePolicy::SINGLE_INTERNAL_QUEUE) {}

 private:
  bool DoEnqueue(Ptr<QueueDiscItem> item) override {
    if (GetCurrentSize() + item > GetMaxSize()) {
      DropBeforeEnqueue(item, "buffer full");
      return false;
    }
    if (GetInternalQueue(0)->GetNPackets() >= m_k) Mark(item, "above K");
    return GetInternalQueue(0)->Enqueue(item);
  }
  Ptr<QueueDiscItem> DoDequeue() override { return GetInternalQueue(0)->Dequeue(); }
  Ptr<const QueueDiscItem> DoPeek() override { return GetInternalQueue(0)->Peek(); }
  bool CheckConfig() override {
    if (GetNInternalQueues() == 0) AddInternalQueue(CreateObjectWithAttributes<DropTailQueue<QueueDiscItem>>("MaxSize", QueueSizeValue(GetMaxSize())));
    return GetNInternalQueues() == 1;
  }
  void InitializeParams() override {}
  uint32_t m_k = 20;
};
NS_OBJECT_ENSURE_REGISTERED(EcnThresholdQueueDisc);

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
  std::vector<std::string> path;
  uint64_t received = 0;
  double finishS = -1;
  uint32_t recoveries = 0;
  uint32_t timeouts = 0;
  double establishedS = -1;
  uint64_t marks = 0;     // its data packets a marking disc set CE on (every port's)
  uint32_t markCuts = 0;  // the sender's entries into CA_CWR
  uint64_t ackMarks = 0;  // its packets towards the sender a marking disc set CE on
};

// Time-weighted occupancy of one directed channel (queue disc + device queue), in packets.
struct ChannelQueue {
  std::string from, to;
  uint32_t qdisc = 0, device = 0;
  double lastS = 0;
  std::vector<double> secondsAt;  // secondsAt[n] = time spent with n packets queued
  uint64_t drops = 0;
  Ptr<QueueDisc> disc;
  // With `tracepkts`: the packets queued at this port (disc and device queue, one FIFO), oldest first; `heldBytes`
  // their wire bytes.
  struct Held {
    int32_t flow;      // -1 if not a flow's
    uint32_t bytes;    // on the wire
    int64_t dataSeq;   // its sequence number if it carries data, else -1
  };
  std::deque<Held> held;
  uint64_t heldBytes = 0;

  uint32_t Level() const { return qdisc + device; }
  void Account(double nowS) {
    const uint32_t n = Level();
    if (secondsAt.size() <= n) secondsAt.resize(n + 1, 0.0);
    secondsAt[n] += nowS - lastS;
    lastS = nowS;
  }
};

std::vector<FlowSpec> g_flows;
FILE* g_cwndTrace = nullptr;
FILE* g_statesTrace = nullptr;
FILE* g_dropsTrace = nullptr;
std::vector<uint32_t> g_cwndNow;  // each flow's window, bytes (kept with `tracestates`)
std::vector<double> g_lastTraced;
std::vector<ChannelQueue*> g_channels;
size_t g_completed = 0;

[[noreturn]] void fail(const std::string& msg) {
  std::cerr << "flows: " << msg << std::endl;
  std::exit(2);
}

/** Open the CSV file `path` for writing and write its header line; fails the run if it cannot. */
std::FILE* openCsv(const std::string& path, const char* header) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) fail("cannot write " + path);
  std::fputs(header, f);
  return f;
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

FILE* g_queueTrace = nullptr;

// With `option tracesample DT`: every channel's queue (packets) at 0, DT, 2·DT, … until the run ends; the
// sampling events add no packet event and leave the others' order unchanged (ns-3 runs equal times in the order
// they were scheduled), so the run is the same.
FILE* g_sampleTrace = nullptr;
double g_sampleS = 0;
void sampleLevels() {
  std::fprintf(g_sampleTrace, "%.9f", Simulator::Now().GetSeconds());
  for (const ChannelQueue* c : g_channels) std::fprintf(g_sampleTrace, ",%u", c->Level());
  std::fputc('\n', g_sampleTrace);
  Simulator::Schedule(Seconds(g_sampleS), &sampleLevels);
}

// With `option tracepkts BYTES`: a row for every packet of a flow smaller than BYTES at each port it enters.
FILE* g_pktsTrace = nullptr;
uint64_t g_pktsBelowBytes = 0;

// The flow a packet belongs to, by its TCP ports (the sink's port is 10000 + the flow's index: the destination
// port of the sender's packets, the source port of the sink's), or -1.
int32_t flowOfPorts(const TcpHeader& tcp, size_t flows) {
  const uint32_t dport = tcp.GetDestinationPort(), sport = tcp.GetSourcePort();
  if (dport >= 10000 && dport - 10000 < flows) return static_cast<int32_t>(dport - 10000);
  if (sport >= 10000 && sport - 10000 < flows) return static_cast<int32_t>(sport - 10000);
  return -1;
}

// A packet (TCP header `tcp`, `payloadBytes` of data, `wireBytes` in the queue) enters channel c's FIFO. If its flow
// is traced, write `time_s,from,to,id,dir,flags,seq,payload_bytes,found_packets,found_bytes,held`: dir d (sender to
// sink) or a (sink to sender), TCP flags as letters (S SYN, A ACK, F FIN, E ECE, C CWR), the queue it found
// (disc and device queue, not the packet on the wire) and `held`, the flows of those packets as `id:n:seq` joined
// by ';' — n packets, seq the lowest sequence number among those of them that carry data (-1: none do) — most
// packets first (ties by flow order; id "-" for packets of no flow).
void traceEnter(ChannelQueue* c, const TcpHeader& tcp, uint32_t payloadBytes, uint32_t wireBytes) {
  const int32_t f = flowOfPorts(tcp, g_flows.size());
  const int64_t dataSeq = payloadBytes > 0 ? static_cast<int64_t>(tcp.GetSequenceNumber().GetValue()) : -1;
  if (f >= 0 && g_flows[f].sizeBytes < g_pktsBelowBytes) {
    std::map<int32_t, std::pair<uint32_t, int64_t>> count;  // flow → (packets, lowest data seq)
    for (const ChannelQueue::Held& h : c->held) {
      auto& e = count.insert({h.flow, {0, -1}}).first->second;
      ++e.first;
      if (h.dataSeq >= 0 && (e.second < 0 || h.dataSeq < e.second)) e.second = h.dataSeq;
    }
    std::vector<std::pair<uint32_t, int32_t>> byCount;
    for (const auto& kv : count) byCount.push_back({kv.second.first, kv.first});
    std::stable_sort(byCount.begin(), byCount.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    std::string held;
    for (const auto& e : byCount) {
      if (!held.empty()) held += ';';
      held += (e.second >= 0 ? g_flows[e.second].id : std::string("-")) + ":" + std::to_string(e.first) + ":" +
              std::to_string(count[e.second].second);
    }
    const uint8_t fl = tcp.GetFlags();
    std::string flags;
    if (fl & TcpHeader::SYN) flags += 'S';
    if (fl & TcpHeader::ACK) flags += 'A';
    if (fl & TcpHeader::FIN) flags += 'F';
    if (fl & TcpHeader::ECE) flags += 'E';
    if (fl & TcpHeader::CWR) flags += 'C';
    const bool toSink = tcp.GetDestinationPort() == 10000 + static_cast<uint32_t>(f);
    std::fprintf(g_pktsTrace, "%.9f,%s,%s,%s,%c,%s,%u,%u,%zu,%llu,%s\n", Simulator::Now().GetSeconds(), c->from.c_str(), c->to.c_str(),
                 g_flows[f].id.c_str(), toSink ? 'd' : 'a', flags.c_str(), tcp.GetSequenceNumber().GetValue(), payloadBytes, c->held.size(),
                 static_cast<unsigned long long>(c->heldBytes), held.c_str());
  }
  c->held.push_back({f, wireBytes, dataSeq});
  c->heldBytes += wireBytes;
}
// A marking disc's packet enters (its item holds the TCP header first; the IP header is kept apart, 20 B, and
// PPP adds 2 B on the wire).
void onDiscEnqueue(ChannelQueue* c, Ptr<const QueueDiscItem> item) {
  TcpHeader tcp;
  item->GetPacket()->PeekHeader(tcp);
  traceEnter(c, tcp, item->GetPacket()->GetSize() - tcp.GetSerializedSize(), item->GetSize() + 2);
}
// A drop-tail device queue's packet (PPP, IP and TCP headers first): its TCP header, and its payload in bytes.
TcpHeader tcpOfDevicePacket(Ptr<const Packet> packet, uint32_t& payloadBytes) {
  Ptr<Packet> copy = packet->Copy();
  PppHeader ppp;
  Ipv4Header ip;
  TcpHeader tcp;
  copy->RemoveHeader(ppp);
  copy->RemoveHeader(ip);
  copy->RemoveHeader(tcp);
  payloadBytes = copy->GetSize();
  return tcp;
}
// A drop-tail device queue's packet enters.
void onDeviceEnqueue(ChannelQueue* c, Ptr<const Packet> packet) {
  uint32_t payloadBytes = 0;
  const TcpHeader tcp = tcpOfDevicePacket(packet, payloadBytes);
  traceEnter(c, tcp, payloadBytes, packet->GetSize());
}
// The device takes its next packet onto the wire: the oldest of the FIFO leaves.
void onDeviceDequeue(ChannelQueue* c, Ptr<const Packet>) {
  if (c->held.empty()) fail("tracepkts: a device dequeued a packet its port never saw enter");
  c->heldBytes -= c->held.front().bytes;
  c->held.pop_front();
}

// With `option tracequeue 1`: a channel's queue each time it crosses a multiple of 50 packets.
void traceLevel(ChannelQueue* c, uint32_t before) {
  if (!g_queueTrace) return;
  const uint32_t after = c->Level();
  if (before / 50 != after / 50)
    std::fprintf(g_queueTrace, "%.9f,%s,%s,%u\n", Simulator::Now().GetSeconds(), c->from.c_str(), c->to.c_str(), after);
}

// One row of the drops trace: the time, the channel, the dropped packet's flow (flowOfPorts; "?" for none), sequence
// number and payload.
void writeDrop(const ChannelQueue* c, const TcpHeader& tcp, uint32_t payloadBytes) {
  const int32_t f = flowOfPorts(tcp, g_flows.size());
  const std::string id = f >= 0 ? g_flows[f].id : "?";
  std::fprintf(g_dropsTrace, "%.9f,%s,%s,%s,%u,%u\n", Simulator::Now().GetSeconds(), c->from.c_str(), c->to.c_str(), id.c_str(),
               tcp.GetSequenceNumber().GetValue(), payloadBytes);
}

void onDeviceQueue(ChannelQueue* c, uint32_t, uint32_t now) {
  c->Account(Simulator::Now().GetSeconds());
  const uint32_t before = c->Level();
  c->device = now;
  traceLevel(c, before);
}
void onDiscQueue(ChannelQueue* c, uint32_t, uint32_t now) {
  c->Account(Simulator::Now().GetSeconds());
  const uint32_t before = c->Level();
  c->qdisc = now;
  traceLevel(c, before);
}
// With `option tracedrops 1`: a row (writeDrop) for every packet a drop-tail device queue drops.
void onDeviceDrop(ChannelQueue* c, Ptr<const Packet> packet) {
  ++c->drops;
  if (!g_dropsTrace) return;
  uint32_t payloadBytes = 0;
  const TcpHeader tcp = tcpOfDevicePacket(packet, payloadBytes);
  writeDrop(c, tcp, payloadBytes);
}

// A marking disc set CE on a packet (its item holds the TCP header first): one mark of its flow's, towards its sink
// (marks) or its sender (ack_marks).
void onDiscMark(Ptr<const QueueDiscItem> item, const char*) {
  TcpHeader tcp;
  item->GetPacket()->PeekHeader(tcp);
  const int32_t f = flowOfPorts(tcp, g_flows.size());
  if (f < 0) return;
  if (tcp.GetDestinationPort() == 10000 + static_cast<uint32_t>(f))
    ++g_flows[f].marks;
  else
    ++g_flows[f].ackMarks;
}

// With `option tracedrops 1` and `ecnk`: the same row for every packet a marking queue disc drops (its item holds the TCP header first).
void onDiscDrop(ChannelQueue* c, Ptr<const QueueDiscItem> item) {
  if (!g_dropsTrace) return;
  Ptr<Packet> copy = item->GetPacket()->Copy();
  TcpHeader tcp;
  copy->RemoveHeader(tcp);
  writeDrop(c, tcp, copy->GetSize());
}

// With `option tracetx 1`: every data segment a sender sends (first transmissions and retransmissions alike).
FILE* g_txTrace = nullptr;
void onTx(size_t i, Ptr<const Packet> packet, const TcpHeader& header, Ptr<const TcpSocketBase>) {
  if (!g_txTrace || packet->GetSize() == 0) return;
  std::fprintf(g_txTrace, "%.9f,%s,%u,%u\n", Simulator::Now().GetSeconds(), g_flows[i].id.c_str(), header.GetSequenceNumber().GetValue(),
               packet->GetSize());
}

// With `option tracealpha 1`: every update of a DCTCP sender's α (TcpDctcp's CongestionEstimate: the window's
// bytes acknowledged with ECE, all its bytes acknowledged, and the new α).
FILE* g_alphaTrace = nullptr;
void onAlpha(size_t i, uint32_t ecnBytes, uint32_t totalBytes, double alpha) {
  std::fprintf(g_alphaTrace, "%.9f,%s,%u,%u,%.6f\n", Simulator::Now().GetSeconds(), g_flows[i].id.c_str(), ecnBytes, totalBytes, alpha);
}

// With `option tracecwnd 1`: a flow's window each time it moves by 10 % or more since the last row.
void onCwnd(size_t i, uint32_t, uint32_t now) {
  if (g_statesTrace) g_cwndNow[i] = now;
  if (!g_cwndTrace) return;
  double& last = g_lastTraced[i];
  if (last > 0 && now > 0.9 * last && now < 1.1 * last) return;
  last = now;
  std::fprintf(g_cwndTrace, "%.9f,%s,%u\n", Simulator::Now().GetSeconds(), g_flows[i].id.c_str(), now);
}

void onCongState(size_t i, TcpSocketState::TcpCongState_t, TcpSocketState::TcpCongState_t now) {
  if (g_statesTrace)
    std::fprintf(g_statesTrace, "%.9f,%s,%s,%u\n", Simulator::Now().GetSeconds(), g_flows[i].id.c_str(), TcpSocketState::TcpCongStateName[now],
                 g_cwndNow[i]);
  if (now == TcpSocketState::CA_RECOVERY) ++g_flows[i].recoveries;
  if (now == TcpSocketState::CA_CWR) ++g_flows[i].markCuts;
  if (now == TcpSocketState::CA_LOSS) ++g_flows[i].timeouts;
}

// The sender's handshake is done: a lost SYN or SYN-ACK shows as a SYN timeout between START_S and this.
void onSocketState(size_t i, TcpSocket::TcpStates_t, TcpSocket::TcpStates_t now) {
  if (now == TcpSocket::ESTABLISHED && g_flows[i].establishedS < 0) g_flows[i].establishedS = Simulator::Now().GetSeconds();
}

// Once the BulkSend application has made its socket, count its recoveries and timeouts and note when it is established.
void watchSocket(size_t i, Ptr<BulkSendApplication> app) {
  Ptr<Socket> s = app->GetSocket();
  if (s) s->TraceConnectWithoutContext("CongState", MakeBoundCallback(&onCongState, i));
  if (s) s->TraceConnectWithoutContext("State", MakeBoundCallback(&onSocketState, i));
  if (s && (g_cwndTrace || g_statesTrace)) s->TraceConnectWithoutContext("CongestionWindow", MakeBoundCallback(&onCwnd, i));
  if (s && g_txTrace) s->TraceConnectWithoutContext("Tx", MakeBoundCallback(&onTx, i));
  if (s && g_alphaTrace) {
    PointerValue ops;
    s->GetAttribute("CongestionOps", ops);
    Ptr<TcpCongestionOps> cc = ops.Get<TcpCongestionOps>();
    if (cc) cc->TraceConnectWithoutContext("CongestionEstimate", MakeBoundCallback(&onAlpha, i));
  }
}

std::vector<std::string> splitCommas(const std::string& s) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream ss(s);
  while (std::getline(ss, part, ',')) out.push_back(part);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) fail("usage: flows CASE.txt OUT.csv");
  std::ifstream in(argv[1]);
  if (!in) fail(std::string("cannot read ") + argv[1]);

  std::map<std::string, double> options = {{"sockbuf", 16.0 * 1024 * 1024}, {"minrto", 0.2}, {"segsize", 1448}, {"iw", 10},
                                           {"stop", 1000}, {"synto", 1.0}, {"delack", 2}, {"ecnk", 0}, {"tracecwnd", 0}, {"tracequeue", 0}, {"tracelosses", 0},
                                           {"tracestates", 0}, {"tracedrops", 0}, {"tracetx", 0}, {"tracealpha", 0}, {"tracesample", 0}, {"tracepkts", 0}, {"jitter", 0}, {"rngrun", 1}};
  std::string cc = "cubic";
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
      if (!(ss >> key)) fail(where + ": expected `option KEY VALUE`");
      if (key == "cc") {
        if (!(ss >> cc) || (cc != "cubic" && cc != "newreno" && cc != "dctcp")) fail(where + ": option cc takes cubic, newreno or dctcp");
        continue;
      }
      double value;
      if (!(ss >> value) || !options.count(key)) fail(where + ": expected `option KEY VALUE` with a known KEY");
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
      if (!(ss >> f.id >> f.src >> f.dst >> f.sizeBytes >> f.startS >> isNew)) fail(where + ": expected `flow ID SRC DST SIZE_BYTES START_S NEW [PATH]`");
      if (!nodeIndex.count(f.src) || !nodeIndex.count(f.dst)) fail(where + ": flow between unknown nodes");
      if (isNew != 1) fail(where + ": only new connections (NEW = 1) are modelled");
      if (f.sizeBytes == 0) fail(where + ": a flow moves at least one byte");
      std::string path;
      if (ss >> path) {
        f.path = splitCommas(path);
        if (f.path.size() < 2 || f.path.front() != f.src || f.path.back() != f.dst) fail(where + ": PATH must run from SRC to DST");
        for (const std::string& n : f.path)
          if (!nodeIndex.count(n)) fail(where + ": PATH names unknown node " + n);
      }
      g_flows.push_back(f);
    } else {
      fail(where + ": unknown directive " + kind + " (expected option, node, link or flow)");
    }
  }
  if (g_flows.size() > 50000) fail("at most 50000 flows (one sink port each)");

  const std::string outPath = argv[2];
  if (options["tracecwnd"] > 0) {
    g_cwndTrace = openCsv(outPath + ".cwnd.csv", "time_s,id,cwnd_bytes\n");
    g_lastTraced.assign(g_flows.size(), 0);
  }
  if (options["tracequeue"] > 0) g_queueTrace = openCsv(outPath + ".queue.csv", "time_s,from,to,packets\n");
  if (options["tracestates"] > 0) {
    g_statesTrace = openCsv(outPath + ".states.csv", "time_s,id,state,cwnd_bytes\n");
    g_cwndNow.assign(g_flows.size(), 0);
  }
  if (options["tracetx"] > 0) g_txTrace = openCsv(outPath + ".tx.csv", "time_s,id,seq,payload_bytes\n");
  if (options["tracealpha"] > 0) g_alphaTrace = openCsv(outPath + ".alpha.csv", "time_s,id,ecn_bytes,total_bytes,alpha\n");
  if (options["tracedrops"] > 0) g_dropsTrace = openCsv(outPath + ".drops.csv", "time_s,from,to,id,seq,payload_bytes\n");
  if (options["tracesample"] < 0 || options["tracepkts"] < 0) fail("options tracesample and tracepkts must be >= 0");
  g_sampleS = options["tracesample"];
  if (g_sampleS > 0) g_sampleTrace = openCsv(outPath + ".levels.csv", "time_s");  // the channels' columns follow once the links exist
  g_pktsBelowBytes = static_cast<uint64_t>(options["tracepkts"]);
  if (g_pktsBelowBytes > 0)
    g_pktsTrace = openCsv(outPath + ".pkts.csv", "time_s,from,to,id,dir,flags,seq,payload_bytes,found_packets,found_bytes,held\n");
  // Start jitter: the one random thing a replay can have (no ECMP, no random ISNs or ports in these runs), so
  // a jittered run per RngRun shows how much ns-3's own answer hangs on the exact instants flows start.
  if (options["jitter"] < 0 || options["rngrun"] < 1) fail("option jitter must be >= 0 and option rngrun >= 1");
  RngSeedManager::SetRun(static_cast<uint64_t>(options["rngrun"]));
  if (options["jitter"] > 0) {
    Ptr<UniformRandomVariable> jitter = CreateObject<UniformRandomVariable>();
    jitter->SetStream(0);
    for (FlowSpec& f : g_flows) f.startS += jitter->GetValue(0, options["jitter"]);
  }
  auto wallStart = std::chrono::steady_clock::now();
  const uint32_t sockbuf = static_cast<uint32_t>(options["sockbuf"]);
  const std::string ccType = cc == "cubic" ? "ns3::TcpCubic" : cc == "newreno" ? "ns3::TcpNewReno" : "ns3::TcpDctcp";
  const uint32_t ecnK = static_cast<uint32_t>(options["ecnk"]);
  if (cc == "dctcp" && ecnK == 0) fail("option cc dctcp needs option ecnk (the marking threshold, packets)");
  Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TypeId::LookupByName(ccType)));
  Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(static_cast<uint32_t>(options["segsize"])));
  Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(static_cast<uint32_t>(options["iw"])));
  Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(sockbuf));
  Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(sockbuf));
  Config::SetDefault("ns3::TcpSocket::ConnTimeout", TimeValue(Seconds(options["synto"])));
  Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(static_cast<uint32_t>(options["delack"])));
  Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(Seconds(options["minrto"])));
  Config::SetDefault("ns3::TcpSocketBase::ClockGranularity", TimeValue(MilliSeconds(1)));

  NodeContainer nodes;
  nodes.Create(nodeNames.size());
  InternetStackHelper stack;
  stack.Install(nodes);

  // neighbour[(u, v)] = (interface index on u towards v, v's address on that link).
  std::map<std::pair<uint32_t, uint32_t>, std::pair<uint32_t, Ipv4Address>> neighbour;
  Ipv4AddressHelper addr;
  addr.SetBase("10.0.0.0", "255.255.255.252");
  TrafficControlHelper tch;
  for (const LinkSpec& l : links) {
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate(static_cast<uint64_t>(l.rateBps))));
    p2p.SetChannelAttribute("Delay", TimeValue(Seconds(l.delayS)));
    const uint32_t deviceQueue = ecnK > 0 ? 1 : l.queuePackets;
    const bool flowControl = !(ecnK == 0 && (options["tracelosses"] > 0 || options["tracedrops"] > 0));
    if (!flowControl) p2p.DisableFlowControl();
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", QueueSizeValue(QueueSize(std::to_string(deviceQueue) + "p")));
    const uint32_t ia = nodeIndex[l.a], ib = nodeIndex[l.b];
    NetDeviceContainer devs = p2p.Install(nodes.Get(ia), nodes.Get(ib));
    Ipv4InterfaceContainer ifs = addr.Assign(devs);
    addr.NewNetwork();
    // Assign installs a default pfifo_fast queue disc (only on devices with flow control); replace it
    // by the marking disc (ECN) or by nothing (drop-tail device queue).
    if (flowControl) tch.Uninstall(devs);
    QueueDiscContainer discs;
    if (ecnK > 0) {
      TrafficControlHelper ecn;
      ecn.SetRootQueueDisc("ns3::ChokepointEcnThresholdQueueDisc", "MaxSize", QueueSizeValue(QueueSize(std::to_string(l.queuePackets) + "p")),
                           "K", UintegerValue(ecnK));
      discs = ecn.Install(devs);
    }
    for (int side = 0; side < 2; ++side) {
      const uint32_t u = side == 0 ? ia : ib, v = side == 0 ? ib : ia;
      Ptr<Ipv4> ipv4 = nodes.Get(u)->GetObject<Ipv4>();
      neighbour[{u, v}] = {static_cast<uint32_t>(ipv4->GetInterfaceForDevice(devs.Get(side))), ifs.GetAddress(1 - side)};
      auto* c = new ChannelQueue();
      c->from = nodeNames[u];
      c->to = nodeNames[v];
      Ptr<PointToPointNetDevice> dev = DynamicCast<PointToPointNetDevice>(devs.Get(side));
      dev->GetQueue()->TraceConnectWithoutContext("PacketsInQueue", MakeBoundCallback(&onDeviceQueue, c));
      dev->GetQueue()->TraceConnectWithoutContext("Drop", MakeBoundCallback(&onDeviceDrop, c));
      if (g_pktsTrace) {
        dev->GetQueue()->TraceConnectWithoutContext("Dequeue", MakeBoundCallback(&onDeviceDequeue, c));
        if (ecnK == 0) dev->GetQueue()->TraceConnectWithoutContext("Enqueue", MakeBoundCallback(&onDeviceEnqueue, c));
      }
      if (ecnK > 0) {
        c->disc = discs.Get(side);
        c->disc->TraceConnectWithoutContext("PacketsInQueue", MakeBoundCallback(&onDiscQueue, c));
        c->disc->TraceConnectWithoutContext("Drop", MakeBoundCallback(&onDiscDrop, c));
        c->disc->TraceConnectWithoutContext("Mark", MakeCallback(&onDiscMark));
        if (g_pktsTrace) c->disc->TraceConnectWithoutContext("Enqueue", MakeBoundCallback(&onDiscEnqueue, c));
      }
      g_channels.push_back(c);
    }
  }
  Ipv4GlobalRoutingHelper::PopulateRoutingTables();
  if (g_sampleTrace) {
    for (const ChannelQueue* c : g_channels) std::fprintf(g_sampleTrace, ",%s>%s", c->from.c_str(), c->to.c_str());
    std::fputc('\n', g_sampleTrace);
    Simulator::Schedule(Seconds(0), &sampleLevels);
  }

  // Pinned paths: one alias address per distinct path, a host route to it at every hop.
  Ipv4StaticRoutingHelper staticHelper;
  std::map<std::string, Ipv4Address> aliasOfPath;
  std::vector<Ipv4Address> flowDst(g_flows.size());
  for (size_t i = 0; i < g_flows.size(); ++i) {
    const FlowSpec& f = g_flows[i];
    Ptr<Node> dst = nodes.Get(nodeIndex[f.dst]);
    if (f.path.empty()) {
      flowDst[i] = dst->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
      continue;
    }
    std::string key;
    for (const std::string& n : f.path) key += n + ",";
    auto found = aliasOfPath.find(key);
    if (found != aliasOfPath.end()) {
      flowDst[i] = found->second;
      continue;
    }
    const uint32_t k = aliasOfPath.size() + 1;
    Ipv4Address alias((11u << 24) | k);
    aliasOfPath[key] = alias;
    flowDst[i] = alias;
    const uint32_t last = nodeIndex[f.path.back()], beforeLast = nodeIndex[f.path[f.path.size() - 2]];
    auto in = neighbour.find({last, beforeLast});
    if (in == neighbour.end()) fail("flow " + f.id + ": PATH uses a pair of nodes with no link");
    dst->GetObject<Ipv4>()->AddAddress(in->second.first, Ipv4InterfaceAddress(alias, Ipv4Mask("255.255.255.255")));
    for (size_t h = 0; h + 1 < f.path.size(); ++h) {
      const uint32_t u = nodeIndex[f.path[h]], v = nodeIndex[f.path[h + 1]];
      auto hop = neighbour.find({u, v});
      if (hop == neighbour.end()) fail("flow " + f.id + ": PATH uses a pair of nodes with no link");
      staticHelper.GetStaticRouting(nodes.Get(u)->GetObject<Ipv4>())->AddHostRouteTo(alias, hop->second.second, hop->second.first);
    }
  }

  for (size_t i = 0; i < g_flows.size(); ++i) {
    const FlowSpec& f = g_flows[i];
    Ptr<Node> src = nodes.Get(nodeIndex[f.src]);
    Ptr<Node> dst = nodes.Get(nodeIndex[f.dst]);
    uint16_t port = static_cast<uint16_t>(10000 + i);

    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sink = sinkHelper.Install(dst);
    sink.Start(Seconds(0));
    sink.Get(0)->TraceConnectWithoutContext("Rx", MakeBoundCallback(&onSinkRx, i));

    BulkSendHelper send("ns3::TcpSocketFactory", InetSocketAddress(flowDst[i], port));
    send.SetAttribute("MaxBytes", UintegerValue(f.sizeBytes));
    send.SetAttribute("SendSize", UintegerValue(64 * 1024));
    ApplicationContainer app = send.Install(src);
    app.Start(Seconds(f.startS));
    Simulator::Schedule(Seconds(f.startS) + NanoSeconds(1), &watchSocket, i, DynamicCast<BulkSendApplication>(app.Get(0)));
  }

  const double stopS = options["stop"];
  Simulator::Stop(Seconds(stopS));
  Simulator::Run();
  const double simEndS = Simulator::Now().GetSeconds();
  for (ChannelQueue* c : g_channels) c->Account(simEndS);
  std::vector<uint64_t> marks(g_channels.size(), 0), discDrops(g_channels.size(), 0);
  for (size_t k = 0; k < g_channels.size(); ++k) {
    if (!g_channels[k]->disc) continue;
    const QueueDisc::Stats& st = g_channels[k]->disc->GetStats();
    marks[k] = st.nTotalMarkedPackets;
    discDrops[k] = st.nTotalDroppedPackets;
  }
  Simulator::Destroy();
  if (g_cwndTrace) std::fclose(g_cwndTrace);
  if (g_queueTrace) std::fclose(g_queueTrace);
  if (g_statesTrace) std::fclose(g_statesTrace);
  if (g_dropsTrace) std::fclose(g_dropsTrace);
  if (g_txTrace) std::fclose(g_txTrace);
  if (g_alphaTrace) std::fclose(g_alphaTrace);
  if (g_sampleTrace) std::fclose(g_sampleTrace);
  if (g_pktsTrace) std::fclose(g_pktsTrace);
  const double wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

  FILE* out = openCsv(outPath, "id,start_s,finish_s,recoveries,timeouts,established_s,marks,mark_cuts,ack_marks\n");
  for (const FlowSpec& f : g_flows) {
    std::fprintf(out, "%s,%.17g,", f.id.c_str(), f.startS);
    if (f.finishS >= 0) std::fprintf(out, "%.17g", f.finishS);
    std::fprintf(out, ",%u,%u,", f.recoveries, f.timeouts);
    if (f.establishedS >= 0) std::fprintf(out, "%.17g", f.establishedS);
    std::fprintf(out, ",%llu,%u,%llu\n", static_cast<unsigned long long>(f.marks), f.markCuts, static_cast<unsigned long long>(f.ackMarks));
  }
  std::fclose(out);
  FILE* lk = std::fopen((outPath.substr(0, outPath.size() - 4) + ".links.csv").c_str(), "w");
  if (!lk) fail("cannot write the links file next to " + outPath);
  std::fprintf(lk, "from,to,mean_queue_packets,p99_queue_packets,max_queue_packets,drops,marks\n");
  for (size_t k = 0; k < g_channels.size(); ++k) {
    const ChannelQueue* c = g_channels[k];
    double total = 0, weighted = 0;
    for (size_t n = 0; n < c->secondsAt.size(); ++n) {
      total += c->secondsAt[n];
      weighted += n * c->secondsAt[n];
    }
    size_t p99 = 0, maxLevel = 0;
    double acc = 0;
    bool p99Set = false;
    for (size_t n = 0; n < c->secondsAt.size(); ++n) {
      if (c->secondsAt[n] > 0) maxLevel = n;
      acc += c->secondsAt[n];
      if (!p99Set && total > 0 && acc >= 0.99 * total) {
        p99 = n;
        p99Set = true;
      }
    }
    std::fprintf(lk, "%s,%s,%.9g,%zu,%zu,%llu,%llu\n", c->from.c_str(), c->to.c_str(), total > 0 ? weighted / total : 0.0, p99, maxLevel,
                 static_cast<unsigned long long>(c->drops + discDrops[k]), static_cast<unsigned long long>(marks[k]));
  }
  std::fclose(lk);
  FILE* stats = std::fopen((outPath + ".json").c_str(), "w");
  if (!stats) fail("cannot write " + outPath + ".json");
  std::fprintf(stats, "{\"wall_s\": %.6f, \"flows\": %zu, \"completed\": %zu, \"sim_end_s\": %.9g}\n", wallS, g_flows.size(), g_completed, simEndS);
  std::fclose(stats);
  std::cerr << "flows: " << g_completed << "/" << g_flows.size() << " flows completed, simulated " << simEndS << " s in " << wallS << " s wall" << std::endl;
  return g_completed == g_flows.size() ? 0 : 1;
}
