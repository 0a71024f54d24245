// ChakraTrace: one rank's MLCommons Chakra execution trace as decoded (the fields chokepoint replays).

/** Chakra's NodeType enum (schema/protobuf/et_def.proto), by number. */
export const CHAKRA_NODE_TYPES = ["INVALID_NODE", "METADATA_NODE", "MEM_LOAD_NODE", "MEM_STORE_NODE", "COMP_NODE", "COMM_SEND_NODE", "COMM_RECV_NODE", "COMM_COLL_NODE"] as const;

/** Chakra's CollectiveCommType enum, by number. */
export const CHAKRA_COLLECTIVES = ["ALL_REDUCE", "REDUCE", "ALL_GATHER", "GATHER", "SCATTER", "BROADCAST", "ALL_TO_ALL", "REDUCE_SCATTER", "REDUCE_SCATTER_BLOCK", "BARRIER"] as const;

/** An attribute's value: numbers for every integer and floating type, a string, a bool, or a list of those. */
export type ChakraAttrValue = number | string | boolean | Array<number | string | boolean>;

/** One Node message: the fields the replay reads; other fields (inputs, outputs, start time) are skipped. */
export interface ChakraNode {
  id: number;
  name: string;
  /** NodeType number (see {@link CHAKRA_NODE_TYPES}). */
  type: number;
  ctrlDeps: number[];
  dataDeps: number[];
  durationMicros: number;
  /** Attributes by name (the last one wins if a name repeats); values of bytes attributes are dropped. */
  attrs: Map<string, ChakraAttrValue>;
}

/** One `.et` file: the GlobalMetadata's version, then the nodes in file order. */
export interface ChakraTrace {
  version: string;
  nodes: ChakraNode[];
}
