// Mapping from samsa's config layers to DescribeConfigs ConfigSource values; resource types.
import { ConfigSource } from '../config/config-def';

export function configSourceOf(source: string): number {
  switch (source) {
    case 'topic': return ConfigSource.TOPIC_CONFIG;
    case 'static-broker': return ConfigSource.STATIC_BROKER_CONFIG;
    case 'default': return ConfigSource.DEFAULT_CONFIG;
    default: return ConfigSource.UNKNOWN;
  }
}

/** Resource types used by DescribeConfigs/AlterConfigs. */
export const ResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;
