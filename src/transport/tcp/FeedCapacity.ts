// FeedCapacity: the capacity of the channels that feed a port the bursts crossing it — the channel before it on each burst's route, once each.
import { empty } from "../../core/empty.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";

/** Sums the capacities of the channels that feed a port bursts ({@link BurstJudge}'s overflow), with scratch kept between calls. */
export class FeedCapacity {
  /** The feeding channels met so far, once each in the order first met, and which channels are among them (emptied after each call). */
  private readonly feeds: number[] = [];
  private readonly isFeed: Uint8Array;

  constructor(
    private readonly network: FlowNetwork,
    private readonly channelCount: number,
  ) {
    this.isFeed = new Uint8Array(channelCount);
  }

  /**
   * The bursts of `list` reach port `r` through the channel before it on each one's route:
   * together they carry at most the sum of those channels' capacities, bytes/s (summed in the
   * order first met; 0 where none is a channel).
   */
  capacityBps(list: ReadonlyArray<{ flow: number }>, r: number): number {
    const feeds = this.feeds;
    const isFeed = this.isFeed;
    for (let i = 0; i < list.length; i++) {
      const res = this.network.routeOf(list[i].flow).resources;
      const at = res.indexOf(r);
      if (at > 0 && res[at - 1] < this.channelCount && isFeed[res[at - 1]] === 0) {
        isFeed[res[at - 1]] = 1;
        feeds.push(res[at - 1]);
      }
    }
    let feedBps = 0;
    for (let i = 0; i < feeds.length; i++) {
      feedBps += this.network.capacityOf(feeds[i]);
      isFeed[feeds[i]] = 0;
    }
    empty(feeds);
    return feedBps;
  }
}
