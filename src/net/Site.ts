// Site: a place on the map (cloud region, neocloud or enterprise datacenter, edge PoP) that nodes belong to.

/** A site as the topology keeps it. */
export interface Site {
  /** Site id; also the id of its border node. */
  id: string;
  /** "cloud", "neocloud", "enterprise", "edge" or another label. */
  kind: string;
  latDeg: number;
  lonDeg: number;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** Jurisdiction tag for routing policies (default: the country). */
  jurisdiction: string;
  /** Operator, e.g. "aws" (empty when not given). */
  provider: string;
}
