// One member of a classic group: what it sent in JoinGroup, its assignment, and the join
// or sync request it has parked in the coordinator (answered by a rebalance event).

export interface Protocol { name: string; metadata: Buffer }

/** What a parked JoinGroup is answered with (turned into a response of its version). */
export interface JoinOutcome {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  skipAssignment: boolean;
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

/** What a parked SyncGroup is answered with. */
export interface SyncOutcome {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export const EMPTY_BYTES = Buffer.alloc(0);

export function joinError(memberId: string, errorCode: number): JoinOutcome {
  return { errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, skipAssignment: false, members: [] };
}

export function syncError(errorCode: number): SyncOutcome {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES };
}

export class ClassicMember {
  assignment: Buffer = EMPTY_BYTES;
  joinWaiter: ((o: JoinOutcome) => void) | null = null;
  syncWaiter: ((o: SyncOutcome) => void) | null = null;
  /** Joined in the current rebalance and not yet through a completed join. */
  isNew = false;

  constructor(
    public memberId: string,
    readonly groupInstanceId: string | null,
    public clientId: string,
    public clientHost: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    public protocolType: string,
    public protocols: Protocol[],
  ) {}

  get isStatic(): boolean { return this.groupInstanceId !== null; }
  get awaitingJoin(): boolean { return this.joinWaiter !== null; }
  get awaitingSync(): boolean { return this.syncWaiter !== null; }

  /** Session expiry removes the member unless it is parked in a rebalance (new members excepted). */
  hasSatisfiedHeartbeat(): boolean {
    if (this.isNew) return false;
    return this.awaitingJoin || this.awaitingSync;
  }

  metadataFor(protocol: string | null): Buffer {
    if (protocol === null) return EMPTY_BYTES;
    for (const p of this.protocols) if (p.name === protocol) return p.metadata;
    return EMPTY_BYTES;
  }

  /** Same protocols, in the same order, with the same metadata. */
  matches(protocols: readonly Protocol[]): boolean {
    if (protocols.length !== this.protocols.length) return false;
    for (let i = 0; i < protocols.length; i++) {
      if (protocols[i].name !== this.protocols[i].name || !protocols[i].metadata.equals(this.protocols[i].metadata)) return false;
    }
    return true;
  }

  /** The member's most preferred protocol among the candidates. */
  vote(candidates: ReadonlySet<string>): string | undefined {
    for (const p of this.protocols) if (candidates.has(p.name)) return p.name;
    return undefined;
  }

  answerJoin(o: JoinOutcome): boolean {
    const w = this.joinWaiter;
    if (!w) return false;
    this.joinWaiter = null;
    w(o);
    return true;
  }

  answerSync(o: SyncOutcome): boolean {
    const w = this.syncWaiter;
    if (!w) return false;
    this.syncWaiter = null;
    w(o);
    return true;
  }
}
