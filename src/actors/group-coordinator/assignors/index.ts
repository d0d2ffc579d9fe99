// The server-side assignors samsa offers (group.consumer.assignors picks and orders them).
import { rangeAssignor } from './range';
import type { ServerAssignor } from './types';
import { uniformAssignor } from './uniform';

export type { AssignorMember, AssignorTopic, ServerAssignor, TargetAssignment } from './types';
export { rangeAssign, rangeAssignor } from './range';
export { uniformAssign, uniformAssignor } from './uniform';

/** Every built-in assignor by name. */
export const BUILTIN_ASSIGNORS: ReadonlyMap<string, ServerAssignor> = new Map([
  [uniformAssignor.name, uniformAssignor],
  [rangeAssignor.name, rangeAssignor],
]);

/** Kafka's default for group.consumer.assignors (the first is the group's default). */
export const DEFAULT_CONSUMER_ASSIGNORS: readonly string[] = ['uniform', 'range'];

/** Resolves configured names (Kafka also accepts the class names of its own assignors). */
export function resolveAssignors(names: readonly string[]): ServerAssignor[] {
  return names.map((raw) => {
    const name = raw.trim();
    const short = CLASS_NAMES.get(name) ?? name;
    const a = BUILTIN_ASSIGNORS.get(short);
    if (!a) throw new Error(`unknown consumer group assignor '${raw}'`);
    return a;
  });
}

const CLASS_NAMES = new Map([
  ['org.apache.kafka.coordinator.group.assignor.UniformAssignor', 'uniform'],
  ['org.apache.kafka.coordinator.group.assignor.RangeAssignor', 'range'],
  ['org.apache.kafka.coordinator.group.api.assignor.UniformAssignor', 'uniform'],
  ['org.apache.kafka.coordinator.group.api.assignor.RangeAssignor', 'range'],
]);
