package io.clusterwatch.agent.collect;

import io.clusterwatch.agent.config.AgentConfig;
import io.clusterwatch.agent.host.HostPaths;
import java.time.Clock;

/**
 * What a collector may use: the rooted host paths, the clock, the node's name and the whole
 * (validated) agent configuration, from which it takes its own section.
 */
public record CollectorContext(
    HostPaths paths, Clock clock, String hostname, AgentConfig config, System.Logger log) {}
