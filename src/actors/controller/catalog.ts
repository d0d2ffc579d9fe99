// The topic catalog: which topics exist, their ids, partitions (and which log dir holds
// each), and per-topic config overrides. The controller owns the mutable copy; processors
// hold read-only snapshots it broadcasts after every change.

export interface PartitionEntry { partition: number; logDir: string }
export interface TopicEntry {
  name: string;
  topicId: string;
  partitions: PartitionEntry[];
  configs: Record<string, string>;
  internal: boolean;
}
export interface CatalogSnapshot { version: number; topics: TopicEntry[] }

export const TOPIC_NAME_MAX = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

/** Kafka's topic-name rules; returns an error message or null. */
export function topicNameError(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'Topic name is empty';
  if (name === '.' || name === '..') return `Topic name cannot be "." or ".."`;
  if (name.length > TOPIC_NAME_MAX) return `Topic name is longer than ${TOPIC_NAME_MAX} characters`;
  if (!LEGAL.test(name)) return `Topic name "${name}" is illegal: it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  return null;
}

export class TopicCatalog {
  readonly version: number;
  private byName = new Map<string, TopicEntry>();
  private byId = new Map<string, TopicEntry>();
  constructor(snapshot: CatalogSnapshot) {
    this.version = snapshot.version;
    for (const t of snapshot.topics) {
      this.byName.set(t.name, t);
      this.byId.set(t.topicId, t);
    }
  }
  get(name: string): TopicEntry | undefined { return this.byName.get(name); }
  getById(id: string): TopicEntry | undefined { return this.byId.get(id); }
  has(name: string): boolean { return this.byName.has(name); }
  topics(): IterableIterator<TopicEntry> { return this.byName.values(); }
  get size(): number { return this.byName.size; }
  snapshot(): CatalogSnapshot { return { version: this.version, topics: [...this.byName.values()] }; }
}
