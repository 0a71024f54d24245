// FIRST_FLIGHT: the timer mark of a tcp flow whose first flight goes out when its first byte arrives (no event: the network's activation runs the round).

/**
 * {@link TcpFlowTable.timer} of a flow in flight whose first flight goes out when its first byte
 * arrives: no event, the network's activation runs the round ({@link TcpFlows.flowActivated}).
 */
export const FIRST_FLIGHT = -2;
